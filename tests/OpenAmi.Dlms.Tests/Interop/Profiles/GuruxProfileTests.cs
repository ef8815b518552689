using System.Globalization;
using System.Text.Json;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Dlms.Tests.Interop.Profiles;

/// <summary>
/// Profile generic (class 7) against an independent peer: Gurux.DLMS.Net's client talking to Gurux's meter server,
/// recorded in ../shared/interop/dlms/profiles. The request this project builds for the same selection must carry the
/// same selective-access parameters as Gurux's client sent, and the recorded answers, replayed to this client, must
/// decode to the rows the meter holds — computed from the formulas in that folder's README, not from this project.
/// </summary>
public class GuruxProfileTests
{
    private static readonly ObisCode Clock = CosemClass.ClockObject;
    private static readonly ObisCode Energy = ObisCode.Parse("1.0.1.8.0.255");

    public static readonly TheoryData<string> RangeCases = new()
    {
        "lp-02-range-one-day", "lp-03-range-two-hours", "lp-04-range-empty-after-end", "lp-05-range-empty-between-rows",
        "lp-06-range-crosses-start", "lp-07-range-crosses-end", "lp-12-range-columns-clock-energy", "lp-14-gbt-window1-range-one-day",
        "lp-16-range-pdu256-info128", "lp-17-hls-gmac-range-two-hours", "lp-18-hls-gmac-range-one-day",
        "lp-19-hls-gmac-gbt-window1-range-one-day", "bill-03-range-one-week",
    };

    public static readonly TheoryData<string> EntryCases = new()
    {
        "lp-08-entry-1-10", "lp-09-entry-last-4", "lp-10-entry-5-10", "lp-11-entry-columns-1-2", "bill-04-entry-last",
    };

    [Theory]
    [MemberData(nameof(RangeCases))]
    [InlineData("lp-12b-range-columns-clock-voltage")]
    public void A_range_selection_encodes_as_Guruxs_client_sent_it(string name)
    {
        var request = ProfileRecording.Load(name).Request;
        Assert.Equal(ProfileSelection.ByRangeSelector, request.GetProperty("accessSelector").GetInt32());

        var parameters = RangeSelection(request);

        Assert.Equal(request.GetProperty("accessParametersHex").GetString(), Encode(parameters));
    }

    [Theory]
    [MemberData(nameof(EntryCases))]
    [InlineData("lp-11b-entry-columns-2-3")]
    public void An_entry_selection_encodes_as_Guruxs_client_sent_it(string name)
    {
        var request = ProfileRecording.Load(name).Request;
        Assert.Equal(ProfileSelection.ByEntrySelector, request.GetProperty("accessSelector").GetInt32());

        var parameters = ProfileSelection.ByEntry(request.GetProperty("fromEntry").GetUInt32(), request.GetProperty("toEntry").GetUInt32(),
            request.GetProperty("fromSelectedValue").GetInt32(), request.GetProperty("toSelectedValue").GetInt32());

        Assert.Equal(request.GetProperty("accessParametersHex").GetString(), Encode(parameters));
    }

    [Theory]
    [MemberData(nameof(RangeCases))]
    public void A_range_read_from_the_peer_meter_returns_the_rows_it_holds(string name)
    {
        using var session = new Session(name);
        var request = session.Recording.Request;

        var rows = session.Reader.ReadRange(ObisCode.Parse(request.GetProperty("logicalName").GetString()!), CaptureObject.ClockTime(),
            Bound(request.GetProperty("from")), Bound(request.GetProperty("to")), Columns(request.GetProperty("selectedValues")));

        session.AssertRows(rows);
    }

    [Theory]
    [MemberData(nameof(EntryCases))]
    public void An_entry_read_from_the_peer_meter_returns_the_entries_asked_for(string name)
    {
        using var session = new Session(name);
        var request = session.Recording.Request;

        var rows = session.Reader.ReadEntries(ObisCode.Parse(request.GetProperty("logicalName").GetString()!), request.GetProperty("fromEntry").GetUInt32(),
            request.GetProperty("toEntry").GetUInt32(), request.GetProperty("fromSelectedValue").GetInt32(), request.GetProperty("toSelectedValue").GetInt32());

        // lp-10: the meter sends to_entry rows from from_entry (README deviation 3); the reader keeps those asked for.
        var expect = session.Recording.Expect;
        int first = expect.TryGetProperty("blueBookFirstEntry", out var bf) ? bf.GetInt32() : expect.GetProperty("firstEntry").GetInt32();
        int last = expect.TryGetProperty("blueBookLastEntry", out var bl) ? bl.GetInt32() : expect.GetProperty("lastEntry").GetInt32();
        session.AssertRows(rows, first, last);
    }

    [Theory]
    [InlineData("lp-13-buffer-full")]
    [InlineData("bill-02-buffer-full")]
    public void The_whole_buffer_decodes_to_every_row_the_meter_holds(string name)
    {
        using var session = new Session(name);

        var rows = session.Reader.ReadAll(ObisCode.Parse(session.Recording.Request.GetProperty("logicalName").GetString()!));

        session.AssertRows(rows);
    }

    [Theory]
    [InlineData("lp-11b-entry-columns-2-3")]
    [InlineData("lp-12b-range-columns-clock-voltage")]
    public void A_selection_the_meter_refuses_is_a_typed_access_error(string name)
    {
        using var session = new Session(name);
        var request = session.Recording.Request;
        var profile = ObisCode.Parse(request.GetProperty("logicalName").GetString()!);

        var error = Assert.Throws<DlmsAccessException>(() =>
        {
            if (request.GetProperty("accessSelector").GetInt32() == ProfileSelection.ByRangeSelector)
            {
                session.Reader.ReadRange(profile, CaptureObject.ClockTime(), Bound(request.GetProperty("from")), Bound(request.GetProperty("to")),
                    Columns(request.GetProperty("selectedValues")));
            }
            else
            {
                session.Reader.ReadEntries(profile, request.GetProperty("fromEntry").GetUInt32(), request.GetProperty("toEntry").GetUInt32(),
                    request.GetProperty("fromSelectedValue").GetInt32(), request.GetProperty("toSelectedValue").GetInt32());
            }
        });

        Assert.Equal(session.Recording.Expect.GetProperty("dataAccessResult").GetInt32(), error.Result);
        session.Close();
    }

    [Fact]
    public void The_load_profile_description_is_read_from_its_attributes()
    {
        using var session = new Session("lp-01-attributes");
        var reads = session.Recording.Request.GetProperty("reads").EnumerateArray().ToArray();
        var expected = session.Recording.Expect.GetProperty("reads").EnumerateArray().ToArray();

        var description = session.Reader.ReadDescription(ObisCode.Parse("1.0.99.1.0.255"));
        var rest = reads.Skip(5).Select(r => session.Client.Get((ushort)r.GetProperty("classId").GetInt32(),
            ObisCode.Parse(r.GetProperty("logicalName").GetString()!), r.GetProperty("attributeId").GetInt32())).ToArray();

        // README, "Objects": capture_objects clock/2, 1.0.1.8.0.255/2, 1.0.32.7.0.255/2; period 900; FIFO; 672 of 2880.
        Assert.Equal(new[] { "8/0.0.1.0.0.255/2", "3/1.0.1.8.0.255/2", "3/1.0.32.7.0.255/2" }, description.CaptureObjects.Select(c => c.ToString()));
        Assert.Equal(900u, description.CapturePeriod);
        Assert.Equal(ProfileDescription.Fifo, description.SortMethod);
        Assert.Equal(672u, description.EntriesInUse);
        Assert.Equal(2880u, description.ProfileEntries);
        Assert.Equal(1, description.ColumnOf(CosemClass.Register, Energy, CosemClass.Value));
        Assert.Equal(-1, description.ColumnOf(CosemClass.Register, ObisCode.Parse("1.0.1.8.1.255"), CosemClass.Value));
        for (int i = 0; i < rest.Length; i++)
        {
            Assert.Equal(expected[5 + i].GetProperty("valueHex").GetString(), Encode(rest[i]));
        }

        var energy = ScalerUnit.FromData(rest[2]);
        Assert.Equal(10_000_000.0, energy.Apply(1_000_000)); // README: LP 1 is 10 000 000 Wh
        session.Close();
    }

    [Fact]
    public void The_billing_profile_description_is_read_from_its_attributes()
    {
        using var session = new Session("bill-01-attributes");
        var reads = session.Recording.Request.GetProperty("reads").EnumerateArray().ToArray();
        var expected = session.Recording.Expect.GetProperty("reads").EnumerateArray().ToArray();

        var values = reads.Select(r => session.Client.Get((ushort)r.GetProperty("classId").GetInt32(),
            ObisCode.Parse(r.GetProperty("logicalName").GetString()!), r.GetProperty("attributeId").GetInt32())).ToArray();

        Assert.Equal(new[] { "8/0.0.1.0.0.255/2", "3/1.0.1.8.0.255/2", "3/1.0.1.8.1.255/2", "3/1.0.1.8.2.255/2" },
            CaptureObject.ListFromData(values[0]).Select(c => c.ToString()));
        Assert.Equal(86400u, ProfileDescription.Unsigned(values[1], "capture_period"));
        Assert.Equal(30u, ProfileDescription.Unsigned(values[2], "entries_in_use"));
        Assert.Equal(60u, ProfileDescription.Unsigned(values[3], "profile_entries"));
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(expected[i].GetProperty("valueHex").GetString(), Encode(values[i]));
        }

        session.Close();
    }

    [Fact]
    public void Capture_objects_that_are_not_definitions_are_malformed()
    {
        var notAStructure = DataValue.FromArray(new[] { DataValue.FromInteger(DataType.LongUnsigned, 8) });
        Assert.Equal(DlmsErrorCode.Malformed, Assert.Throws<DlmsException>(() => CaptureObject.ListFromData(notAStructure)).Code);
        Assert.Equal(DlmsErrorCode.Malformed, Assert.Throws<DlmsException>(() => CaptureObject.ListFromData(DataValue.Null)).Code);
    }

    [Fact]
    public void An_entry_range_that_runs_backwards_is_refused_before_anything_is_sent()
    {
        Assert.Equal(DlmsErrorCode.InvalidArgument, Assert.Throws<DlmsException>(() => ProfileSelection.ByEntry(10, 5, 1, 0)).Code);
        Assert.Equal(DlmsErrorCode.InvalidArgument, Assert.Throws<DlmsException>(() => ProfileSelection.ByEntry(0, 5, 1, 0)).Code);
        Assert.Equal(DlmsErrorCode.InvalidArgument, Assert.Throws<DlmsException>(() => ProfileSelection.ByEntry(1, 5, 3, 2)).Code);
    }

    /// <summary>The range this project builds for the recorded bounds: the UTC instant as the meter's clock shows it.</summary>
    private static DataValue RangeSelection(JsonElement request) =>
        ProfileSelection.ByRange(CaptureObject.ClockTime(), Bound(request.GetProperty("from")), Bound(request.GetProperty("to")),
            Columns(request.GetProperty("selectedValues")));

    private static CosemDateTime Bound(JsonElement bound)
    {
        var dateTime = bound.GetProperty("dateTime");
        var utc = DateTime.Parse(dateTime.GetProperty("utc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        return CosemDateTime.AtMeter(utc, dateTime.GetProperty("deviation").GetInt32(), dateTime.GetProperty("clockStatus").GetInt32());
    }

    private static CaptureObject[] Columns(JsonElement selected) => selected.EnumerateArray()
        .Select(c => new CaptureObject((ushort)c.GetProperty("classId").GetInt32(), ObisCode.Parse(c.GetProperty("logicalName").GetString()!),
            c.GetProperty("attributeIndex").GetInt32(), c.GetProperty("dataIndex").GetInt32()))
        .ToArray();

    private static string Encode(DataValue value)
    {
        var buffer = new byte[AxdrWriter.EncodedSize(value)];
        new AxdrWriter(buffer).WriteData(value);
        return Convert.ToHexString(buffer);
    }

    /// <summary>A client on the replayed meter, opened; disposing checks that the whole conversation was played.</summary>
    private sealed class Session : IDisposable
    {
        private readonly HostAesBlockCipher _aes = new();
        private bool _closed;

        public Session(string name)
        {
            Recording = ProfileRecording.Load(name);
            Meter = new PeerReplayMeter(Recording);
            Client = new DlmsClient(Meter, Recording.Settings(), _aes, Recording.Random());
            Client.Open();
            Reader = new ProfileGenericReader(Client);
        }

        public ProfileRecording Recording { get; }
        public PeerReplayMeter Meter { get; }
        public DlmsClient Client { get; }
        public ProfileGenericReader Reader { get; }

        public void Close()
        {
            Client.Close();
            _closed = true;
            Assert.True(Meter.Complete, Recording.Name + ": the client ended before the recorded conversation did");
        }

        public void AssertRows(DataValue rows) =>
            AssertRows(rows, Recording.Expect.TryGetProperty("firstEntry", out var f) ? f.GetInt32() : 0,
                Recording.Expect.TryGetProperty("lastEntry", out var l) ? l.GetInt32() : -1);

        /// <summary>Rows <paramref name="first"/>…<paramref name="last"/> of the meter's buffer, computed from the README's formulas.</summary>
        public void AssertRows(DataValue rows, int first, int last)
        {
            var columns = Recording.Expect.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("logicalName").GetString()!).ToArray();
            bool billing = Recording.Name.StartsWith("bill", StringComparison.Ordinal);
            Assert.Equal(Math.Max(0, last - first + 1), rows.Count);
            for (int r = 0; r < rows.Count; r++)
            {
                int entry = first + r;
                var row = rows[r];
                Assert.Equal(columns.Length, row.Count);
                for (int c = 0; c < columns.Length; c++)
                {
                    var cell = row[c];
                    string context = Recording.Name + " entry " + entry + " column " + columns[c];
                    if (columns[c] == "0.0.1.0.0.255")
                    {
                        Assert.True(CosemDateTime.Parse(cell.AsBytes()).TryToUtc(out var utc), context);
                        Assert.Equal(ExpectedUtc(billing, entry), utc);
                    }
                    else
                    {
                        Assert.True(ExpectedRaw(billing, entry, columns[c]) == cell.AsInt64(), context + ": " + cell.AsInt64());
                    }
                }
            }

            if (!_closed)
            {
                Close();
            }
        }

        public void Dispose() => _aes.Dispose();
    }

    // README "What the profiles hold": E(j) = 1 000 000 + 25·j + (j² mod 17); LP entry n = i + 1 at
    // 2024-06-01 00:00+02:00 + 15 min·i; billing entry n = d + 1 at 2024-05-09 00:00+02:00 + d days.
    private static long E(long j) => 1_000_000 + 25 * j + (j * j % 17);

    private static DateTime ExpectedUtc(bool billing, int entry) => billing
        ? new DateTime(2024, 5, 8, 22, 0, 0, DateTimeKind.Utc).AddDays(entry - 1)
        : new DateTime(2024, 5, 31, 22, 0, 0, DateTimeKind.Utc).AddMinutes(15 * (entry - 1));

    private static long ExpectedRaw(bool billing, int entry, string column)
    {
        if (!billing)
        {
            int i = entry - 1;
            return column == "1.0.1.8.0.255" ? E(i) : 2280 + (7 * i % 41);
        }

        long total = E(96 * (entry - 1 - 23));
        return column switch
        {
            "1.0.1.8.0.255" => total,
            "1.0.1.8.2.255" => total / 3,
            _ => total - total / 3,
        };
    }
}
