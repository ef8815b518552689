using System.Text.Json;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Dlms.Tests.Interop;

/// <summary>
/// The client against an independent meter: Gurux.DLMS.Net's GXDLMSSecureServer (stock), replayed from the
/// recordings in ../shared/interop/dlms (their README describes the meter, the format and every expected value;
/// the expected values come from the recordings' `expect` sections, decoded independently of this project).
/// Each case drives the client API as the recording's `clientScript` lists; the replay fails on any client frame
/// the meter did not see. Deviation cases (the meter breaking the Green Book / IEC 62056-46) must be survived.
/// </summary>
public class GuruxReplayTests
{
    [Fact]
    public void The_recordings_are_present_beside_the_repository()
    {
        // Fails with the folder's path when the recordings are missing, rather than letting the cases skip.
        var files = Directory.GetFiles(Recording.Folder, "*.json").Select(Path.GetFileNameWithoutExtension).ToArray();
        Assert.Equal(21, files.Length);
        Assert.All(CaseNames, c => Assert.Contains(c, files));
    }

    public static readonly string[] CaseNames =
    {
        "01-public-get-single", "02-public-get-with-list", "03-lls-get-energy", "04-lls-wrong-password",
        "05-hls-gmac-plain-get-energy", "06-hls-gmac-glo-get", "07-hls-gmac-glo-set-clock", "08-hls-gmac-glo-disconnect-control",
        "09-object-list-blocks-info128", "10-profile-buffer-96-rows", "11-get-undefined-object", "12-invocation-counter-too-low",
        "13-invocation-counter-accepted", "14-release-rlre-deviation", "15-with-list-needs-blocks-deviation",
        "16-with-list-undefined-object-deviation", "17-set-datablocks-deviation", "18-hdlc-window3-nr-deviation",
        "19-mode-e-optical-sign-on", "20-hls-gmac-plain-wrong-key", "21-mode-e-identification-without-marker",
    };

    [Theory]
    [InlineData("01-public-get-single")]
    [InlineData("03-lls-get-energy")]
    [InlineData("05-hls-gmac-plain-get-energy")]
    [InlineData("06-hls-gmac-glo-get")]
    [InlineData("11-get-undefined-object")]
    [InlineData("13-invocation-counter-accepted")]
    [InlineData("14-release-rlre-deviation")]
    public void One_get_per_attribute_delivers_the_recorded_values(string name)
    {
        using var session = new ReplaySession(name);
        session.Client.Open();
        var expected = session.Recording.Expect.GetProperty("results").EnumerateArray().ToArray();
        foreach (var item in expected)
        {
            var reference = AttributeReference.Parse(item.GetProperty("attribute").GetString()!);
            DataResult result;
            try
            {
                result = new DataResult(session.Client.Get(reference));
            }
            catch (DlmsAccessException e)
            {
                result = new DataResult(e.Result);
            }

            ExpectedData.AssertResult(item, result, name + " " + reference);
        }

        session.Client.Close();
        session.AssertPlayedToTheEnd();
        bool releaseMalformed = session.Recording.Expect.TryGetProperty("release", out var release) && !release.GetProperty("wellFormed").GetBoolean();
        Assert.Equal(releaseMalformed, session.Client.LastWarning != null && session.Client.LastWarning.StartsWith("release"));
    }

    [Theory]
    [InlineData("02-public-get-with-list")]
    [InlineData("19-mode-e-optical-sign-on")]
    [InlineData("16-with-list-undefined-object-deviation")]
    public void Get_with_list_delivers_the_recorded_values(string name)
    {
        using var session = new ReplaySession(name);
        session.Client.Open();
        var expected = session.Recording.Expect.GetProperty("results").EnumerateArray().ToArray();
        var references = expected.Select(e => AttributeReference.Parse(e.GetProperty("attribute").GetString()!)).ToArray();

        var results = session.Client.GetMany(references);

        for (int i = 0; i < expected.Length; i++)
        {
            ExpectedData.AssertResult(expected[i], results[i], name + " " + references[i]);
        }

        session.Client.Close();
        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void Optical_sign_on_parses_the_identification_and_switches_to_the_offered_speed()
    {
        using var session = new ReplaySession("19-mode-e-optical-sign-on");
        session.Client.Open();
        var expected = session.Recording.Expect.GetProperty("identification");
        Assert.Equal(expected.GetProperty("manufacturer").GetString(), session.Client.Identification.Manufacturer);
        Assert.Equal(expected.GetProperty("baudRate").GetInt32(), session.Client.Identification.BaudRate);
        Assert.True(session.Client.Identification.ModeE);
        session.Client.Close();
    }

    [Theory]
    [InlineData("04-lls-wrong-password", DlmsErrorCode.AssociationRejected)]
    [InlineData("20-hls-gmac-plain-wrong-key", DlmsErrorCode.AuthenticationFailed)]
    [InlineData("21-mode-e-identification-without-marker", DlmsErrorCode.NotSupported)]
    public void A_refused_open_is_a_typed_error_and_sends_no_data_request(string name, DlmsErrorCode code)
    {
        using var session = new ReplaySession(name);
        var error = Assert.Throws<DlmsException>(() => session.Client.Open());
        Assert.Equal(code, error.Code);
        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void A_too_low_invocation_counter_reports_the_value_the_meter_expects()
    {
        using var session = new ReplaySession("12-invocation-counter-too-low");
        var error = Assert.Throws<DlmsInvocationCounterException>(() => session.Client.Open());
        var expected = session.Recording.Expect.GetProperty("exceptionResponse");
        Assert.Equal(expected.GetProperty("invocationCounterValue").GetUInt32(), error.Expected);
        Assert.Contains("100", error.Message);
        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void Ciphered_set_of_the_clock_reads_back_what_was_written()
    {
        using var session = new ReplaySession("07-hls-gmac-glo-set-clock");
        var set = session.Recording.Expect.GetProperty("set");
        AssertSetReadsBack(session, Convert.FromHexString(set.GetProperty("value").GetProperty("value").GetString()!));
    }

    /// <summary>Open, SET the recording's `expect.set.attribute` to <paramref name="value"/>, GET it back, close.</summary>
    private static void AssertSetReadsBack(ReplaySession session, byte[] value)
    {
        var reference = AttributeReference.Parse(session.Recording.Expect.GetProperty("set").GetProperty("attribute").GetString()!);
        session.Client.Open();

        session.Client.Set(reference, DataValue.FromBytes(DataType.OctetString, value));

        Assert.Equal(value, session.Client.Get(reference).AsBytes());
        session.Client.Close();
        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void Disconnect_control_actions_change_the_recorded_states()
    {
        using var session = new ReplaySession("08-hls-gmac-glo-disconnect-control");
        var ln = new ObisCode(0, 0, 96, 3, 10, 255);
        var expected = session.Recording.Expect.GetProperty("results").EnumerateArray().ToArray();
        session.Client.Open();
        for (int method = 1, at = 0; method <= 2; method++, at += 2)
        {
            Assert.Null(session.Client.Invoke(CosemClass.DisconnectControl, ln, method, DataValue.FromInteger(DataType.Integer, 0)));
            ExpectedData.AssertData(expected[at].GetProperty("data"), session.Client.Get(CosemClass.DisconnectControl, ln, 2), "output_state");
            ExpectedData.AssertData(expected[at + 1].GetProperty("data"), session.Client.Get(CosemClass.DisconnectControl, ln, 3), "control_state");
        }

        session.Client.Close();
        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void Object_list_arrives_by_block_transfer_with_every_recorded_entry()
    {
        using var session = new ReplaySession("09-object-list-blocks-info128");
        session.Client.Open();
        var list = session.Client.Get(AttributeReference.Parse("15/0.0.40.0.0.255/2"));
        session.Client.Close();

        var objects = session.Recording.Expect.GetProperty("objects").EnumerateArray().ToArray();
        Assert.Equal(session.Recording.Expect.GetProperty("objectCount").GetInt32(), list.Count);
        for (int i = 0; i < objects.Length; i++)
        {
            Assert.Equal(objects[i].GetProperty("classId").GetInt32(), (int)list[i][0].AsInt64());
            Assert.Equal(objects[i].GetProperty("version").GetInt32(), (int)list[i][1].AsInt64());
            Assert.Equal(objects[i].GetProperty("logicalName").GetString(), ObisCode.FromBytes(list[i][2].AsBytes(), 0).ToDottedString());
        }

        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void Profile_buffer_of_96_rows_follows_the_recorded_row_rule()
    {
        using var session = new ReplaySession("10-profile-buffer-96-rows");
        session.Client.Open();
        var buffer = session.Client.Get(AttributeReference.Parse("7/1.0.99.1.0.255/2"));
        session.Client.Close();

        AssertProfileRows(session.Recording.Expect, buffer);
        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void With_list_answer_mislabelled_as_get_response_with_list_is_read_as_datablock_one()
    {
        using var session = new ReplaySession("15-with-list-needs-blocks-deviation");
        var expected = session.Recording.Expect.GetProperty("results").EnumerateArray().ToArray();
        session.Client.Open();

        var results = session.Client.GetMany(new[]
        {
            AttributeReference.Parse("7/1.0.99.1.0.255/2"), AttributeReference.Parse("3/1.0.1.8.0.255/2"),
        });
        session.Client.Close();

        Assert.True(results[0].Success);
        AssertProfileRows(expected[0], results[0].Value);
        ExpectedData.AssertResult(expected[1], results[1], "energy");
        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void Set_with_datablocks_survives_the_malformed_block_acknowledgements()
    {
        using var session = new ReplaySession("17-set-datablocks-deviation");
        var set = session.Recording.Expect.GetProperty("set");
        // The recording's value rule: 3000 bytes, byte k = k mod 256.
        AssertSetReadsBack(session, Enumerable.Range(0, set.GetProperty("valueLength").GetInt32()).Select(k => (byte)k).ToArray());
    }

    [Fact]
    public void A_meter_that_ignores_a_correct_window_acknowledgement_costs_a_timeout_not_the_link()
    {
        using var session = new ReplaySession("18-hdlc-window3-nr-deviation");
        var negotiated = session.Recording.Expect.GetProperty("negotiated");
        session.Client.Open();
        Assert.Equal(negotiated.GetProperty("windowReceive").GetInt32(), session.Client.Link.WindowReceive);
        Assert.Equal(negotiated.GetProperty("maxInfoReceive").GetInt32(), session.Client.Link.MaxInfoReceive);

        var error = Assert.Throws<DlmsException>(() => session.Client.Get(AttributeReference.Parse("15/0.0.40.0.0.255/2")));

        Assert.Equal(DlmsErrorCode.Timeout, error.Code);
        session.Client.Close();
        session.AssertPlayedToTheEnd();
    }

    [Fact]
    public void A_ciphered_set_with_datablocks_fits_each_block_into_the_negotiated_pdu()
    {
        // The association of case 07 (glo-ciphering, server-max-receive-pdu-size 1024); the recording then goes on
        // with a short SET, so the first block of a long one leaves it and is inspected here.
        using var session = new ReplaySession("07-hls-gmac-glo-set-clock");
        session.Client.Open();
        int pdu = session.Recording.Root.GetProperty("negotiated").GetProperty("serverMaxReceivePduSize").GetInt32();
        Assert.Equal(pdu, session.Client.Negotiated.MaxReceivePduSize);

        Assert.Throws<ReplayMismatchException>(() => session.Client.Set(AttributeReference.Parse("1/0.128.96.0.0.255/2"),
            DataValue.FromBytes(DataType.OctetString, new byte[3000])));

        // First I-frame segment: 7E, format (2), server address (2), client address (1), control, HCS (2), LLC (3),
        // then the glo-set-request tag and its length.
        var frame = session.Meter.Unmatched!;
        int apdu = 1 + 2 + 2 + 1 + 1 + 2 + 3;
        Assert.Equal(ApduTag.GloSetRequest, frame[apdu]);
        Assert.Equal(0x82, frame[apdu + 1]);
        int cipheredLength = 1 + 3 + (frame[apdu + 2] << 8 | frame[apdu + 3]);
        Assert.InRange(cipheredLength, pdu - 64, pdu);
    }

    private static void AssertProfileRows(JsonElement expect, DataValue buffer)
    {
        Assert.Equal(expect.GetProperty("rowCount").GetInt32(), buffer.Count);
        foreach (var (row, key) in new[] { (0, "firstRow"), (buffer.Count - 1, "lastRow") })
        {
            var e = expect.GetProperty(key);
            Assert.Equal(e.GetProperty("captureTime").GetProperty("hex").GetString(), Convert.ToHexString(buffer[row][0].AsBytes()));
            Assert.Equal(e.GetProperty("activeEnergyImport").GetInt64(), buffer[row][1].AsInt64());
        }

        // Row rule of the recordings' README: row k = {2024-06-01 00:00 + 15 min·k, 1000000 + 250·k}.
        for (int k = 0; k < buffer.Count; k++)
        {
            Assert.Equal(1000000 + 250 * k, buffer[k][1].AsInt64());
            var time = buffer[k][0].AsBytes();
            Assert.Equal(k * 15 / 60, time[5]);
            Assert.Equal(k * 15 % 60, time[6]);
        }
    }

    /// <summary>A client built from a recording's parameters, talking to the replayed meter.</summary>
    private sealed class ReplaySession : IDisposable
    {
        private readonly HostAesBlockCipher _aes = new();

        public ReplaySession(string name)
        {
            Recording = Recording.Load(name);
            Meter = new ReplayMeter(Recording);
            Client = new DlmsClient(Meter, Recording.Settings(), _aes, Recording.Random());
        }

        public Recording Recording { get; }
        public ReplayMeter Meter { get; }
        public DlmsClient Client { get; }

        /// <summary>Every recorded frame was exchanged and the client's invocation counter ends where the recording's did.</summary>
        public void AssertPlayedToTheEnd()
        {
            Assert.False(Meter.EndedEarly, Recording.Name + ": the client closed before the end of the recording");
            Assert.True(Meter.Complete, Recording.Name + ": replay stopped before the end of the recording");
            Assert.Equal(Recording.Client.GetProperty("invocationCounterAfter").GetUInt32(), Client.Settings.InvocationCounter);
        }

        public void Dispose() => _aes.Dispose();
    }
}
