using OpenAmi.Dlms;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Client;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Metering.Intervals;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Intervals;

/// <summary>
/// A vendor profile's "profiles" mapping laid over an independent meter's load profile: Gurux's meter server, recorded
/// talking to Gurux's client (../shared/interop/dlms/profiles, read at test time). The description and scaler_units
/// come from the meter (lp-01), the rows from a two-hour range read (lp-03), and every expected value is computed from
/// the formulas in that folder's README ("What the profiles hold"), not by this project.
/// </summary>
public class ProfileColumnMapTests
{
    private const string Json = @"{ ""id"": ""gurux-peer"", ""protocol"": ""dlms"", ""link"": { ""medium"": ""rs485"" }, ""address"": 17,
        ""items"": { ""1.8.0"": {}, ""32.7.0"": {} },
        ""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""32.7.0"": {}, ""1.8.0"": {}, ""14.7.0"": {} } } ] }";

    [Fact]
    public void Rows_of_the_peer_meters_load_profile_decode_to_the_intervals_it_holds()
    {
        var profile = Load(Json);
        var (description, scalers) = ReadDescriptionAndScalers();

        var map = ProfileColumnMap.Resolve(profile.Profiles[0], description, profile.InvertedDeviationSign);

        // The profile lists voltage first; the meter captures clock, +A, voltage (README "Objects"): found by reference.
        Assert.Equal(0, map.ClockColumn);
        Assert.Equal(new[] { "32.7.0", "1.8.0" }, map.Columns.Select(c => c.Item.Code));
        Assert.Equal(new[] { "14.7.0" }, map.Missing.Select(c => c.Item.Code)); // frequency is not captured
        for (int c = 0; c < map.Columns.Length; c++)
        {
            Assert.True(map.NeedsScalerUnit(c));
            var su = scalers[ObisName.Format(map.Columns[c].Target.LogicalName)];
            map.SetScalerUnit(c, su.Scaler, su.Unit);
        }

        var recording = ProfileRecording.Load("lp-03-range-two-hours");
        var rows = ReadRecordedRange(recording);
        int first = recording.Expect.GetProperty("firstEntry").GetInt32();
        Assert.Equal(8, rows.Count); // README: 10:00 … 11:45 local on 2024-06-05
        var record = new IntervalRecord(map.Columns.Length);
        var previous = DateTime.MinValue;
        for (int r = 0; r < rows.Count; r++)
        {
            map.Decode(rows[r], previous, record);
            int i = first + r - 1;
            Assert.Equal(new DateTime(2024, 5, 31, 22, 0, 0, DateTimeKind.Utc).AddMinutes(15 * i), record.CapturedUtc);
            Assert.False(record.ClockSuspect); // status 0x80: daylight saving only
            Assert.Equal((2280 + (7 * i % 41)) / 10.0, record.Values[0], 9);   // raw × 0.1 V
            Assert.Equal(E(i) * 10 / 1000.0, record.Values[1], 9);             // raw × 10 Wh, in kWh
            Assert.True(record.Present[0] && record.Present[1]);
            previous = record.CapturedUtc;
        }
    }

    [Fact]
    public void A_column_with_a_scaler_and_unit_in_the_profile_needs_nothing_from_the_meter()
    {
        var profile = Load(Json.Replace(@"""32.7.0"": {}, ""1.8.0"": {}, ""14.7.0"": {}", @"""1.8.0"": { ""scaler"": 1, ""unit"": ""Wh"" }"));

        var map = ProfileColumnMap.Resolve(profile.Profiles[0], GuruxDescription(), false);

        Assert.False(map.NeedsScalerUnit(0));
        var record = new IntervalRecord(1);
        map.Decode(Row(Time(2024, 6, 1, 0, 15, -120, 0x80), DataValue.FromInteger(DataType.DoubleLongUnsigned, 1_000_026), DataValue.FromInteger(DataType.LongUnsigned, 2287)),
            DateTime.MinValue, record);
        Assert.Equal(10_000.26, record.Values[0], 9); // README check row LP 2: E(1) = 1 000 026 × 10 Wh
        Assert.Equal(new DateTime(2024, 5, 31, 22, 15, 0, DateTimeKind.Utc), record.CapturedUtc);
    }

    [Fact]
    public void A_null_capture_time_follows_the_previous_row_by_the_capture_period()
    {
        // Blue Book 4.3.6 (class 7, buffer): an entry's clock may be null-data when it follows from the previous
        // entry and capture_period; null-data in a value column means nothing was captured there.
        var map = ProfileColumnMap.Resolve(Load(Json).Profiles[0], GuruxDescription(), false);
        map.SetScalerUnit(0, -1, Units.Volt);
        map.SetScalerUnit(1, 1, Units.WattHour);
        var record = new IntervalRecord(2);
        var previous = new DateTime(2024, 6, 1, 8, 0, 0, DateTimeKind.Utc);

        map.Decode(Row(DataValue.Null, DataValue.FromInteger(DataType.DoubleLongUnsigned, 5), DataValue.Null), previous, record);

        Assert.Equal(previous.AddMinutes(15), record.CapturedUtc);
        Assert.False(record.Present[0]);
        Assert.True(record.Present[1]);
        Assert.Equal(0.05, record.Values[1], 12);
        Assert.Equal(DlmsErrorCode.Malformed, Assert.Throws<DlmsException>(() =>
            map.Decode(Row(DataValue.Null, DataValue.Null, DataValue.Null), DateTime.MinValue, record)).Code);
    }

    [Fact]
    public void A_clock_flagged_invalid_or_doubtful_marks_the_interval_suspect()
    {
        var map = ProfileColumnMap.Resolve(Load(Json).Profiles[0], GuruxDescription(), false);
        map.SetScalerUnit(0, -1, Units.Volt);
        map.SetScalerUnit(1, 1, Units.WattHour);
        var record = new IntervalRecord(2);

        // clock_status bit 1 = doubtful value, bit 0 = invalid value (Blue Book 4.1.6.1).
        map.Decode(Row(Time(2024, 6, 1, 0, 0, -120, 0x82), DataValue.Null, DataValue.Null), DateTime.MinValue, record);
        Assert.True(record.ClockSuspect);
        map.Decode(Row(Time(2024, 6, 1, 0, 0, -120, 0x01), DataValue.Null, DataValue.Null), DateTime.MinValue, record);
        Assert.True(record.ClockSuspect);
    }

    [Fact]
    public void Rows_and_profiles_that_cannot_be_dated_or_scaled_are_refused_with_typed_errors()
    {
        var profile = Load(Json).Profiles[0];
        var noClock = new ProfileDescription { CaptureObjects = GuruxDescription().CaptureObjects.Skip(1).ToArray(), CapturePeriod = 900 };
        Assert.Equal(DlmsErrorCode.Malformed, Assert.Throws<DlmsException>(() => ProfileColumnMap.Resolve(profile, noClock, false)).Code);

        var map = ProfileColumnMap.Resolve(profile, GuruxDescription(), false);
        var record = new IntervalRecord(2);
        var shortRow = DataValue.FromStructure(new[] { Time(2024, 6, 1, 0, 0, -120, 0x80) });
        Assert.Equal(DlmsErrorCode.Malformed, Assert.Throws<DlmsException>(() => map.Decode(shortRow, DateTime.MinValue, record)).Code);
        var row = Row(Time(2024, 6, 1, 0, 0, -120, 0x80), DataValue.FromInteger(DataType.DoubleLongUnsigned, 1), DataValue.FromInteger(DataType.LongUnsigned, 2280));
        Assert.Throws<InvalidOperationException>(() => map.Decode(row, DateTime.MinValue, record));
        Assert.Throws<ArgumentException>(() => map.SetScalerUnit(1, 0, Units.Volt)); // energy column in volts
        map.SetScalerUnit(0, -1, Units.Volt);
        map.SetScalerUnit(1, 1, Units.WattHour);
        var text = Row(Time(2024, 6, 1, 0, 0, -120, 0x80), DataValue.FromBytes(DataType.VisibleString, "12"u8.ToArray()), DataValue.Null);
        Assert.Equal(DlmsErrorCode.Malformed, Assert.Throws<DlmsException>(() => map.Decode(text, DateTime.MinValue, record)).Code);
    }

    private static VendorProfile Load(string json)
    {
        var result = OpenAmi.Metering.Profiles.ProfileReader.Load(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Cast<ProfileError>().Select(e => e.Path + ": " + e.Reason)));
        return result.Profile!;
    }

    /// <summary>README "Objects": capture_objects clock/2, 1.0.1.8.0.255/2, 1.0.32.7.0.255/2, capture_period 900.</summary>
    private static ProfileDescription GuruxDescription() => new()
    {
        LogicalName = ObisCode.Parse("1.0.99.1.0.255"),
        CaptureObjects = new[]
        {
            CaptureObject.ClockTime(),
            new CaptureObject(CosemClass.Register, ObisCode.Parse("1.0.1.8.0.255"), 2, 0),
            new CaptureObject(CosemClass.Register, ObisCode.Parse("1.0.32.7.0.255"), 2, 0),
        },
        CapturePeriod = 900,
    };

    /// <summary>lp-01 replayed: the description through <see cref="ProfileReader"/>, then each recorded read; scaler_units by register.</summary>
    private static (ProfileDescription, Dictionary<string, ScalerUnit>) ReadDescriptionAndScalers()
    {
        var recording = ProfileRecording.Load("lp-01-attributes");
        using var aes = new HostAesBlockCipher();
        var meter = new PeerReplayMeter(recording);
        var client = new DlmsClient(meter, recording.Settings(), aes, recording.Random());
        client.Open();
        var description = new OpenAmi.Dlms.Client.ProfileGenericReader(client).ReadDescription(ObisCode.Parse("1.0.99.1.0.255"));
        var scalers = new Dictionary<string, ScalerUnit>();
        foreach (var read in recording.Request.GetProperty("reads").EnumerateArray().Skip(5))
        {
            var name = ObisCode.Parse(read.GetProperty("logicalName").GetString()!);
            int classId = read.GetProperty("classId").GetInt32();
            int attribute = read.GetProperty("attributeId").GetInt32();
            var value = client.Get((ushort)classId, name, attribute);
            if (classId == CosemClass.Register && attribute == CosemClass.ScalerUnit)
            {
                scalers[ObisName.Format(name.ToBytes())] = ScalerUnit.FromData(value);
            }
        }

        client.Close();
        Assert.True(meter.Complete);
        return (description, scalers);
    }

    private static DataValue ReadRecordedRange(ProfileRecording recording)
    {
        using var aes = new HostAesBlockCipher();
        var meter = new PeerReplayMeter(recording);
        var client = new DlmsClient(meter, recording.Settings(), aes, recording.Random());
        client.Open();
        var request = recording.Request;
        var rows = new OpenAmi.Dlms.Client.ProfileGenericReader(client).ReadRange(ObisCode.Parse("1.0.99.1.0.255"), CaptureObject.ClockTime(),
            Bound(request.GetProperty("from")), Bound(request.GetProperty("to")), null);
        client.Close();
        Assert.True(meter.Complete);
        return rows;
    }

    private static CosemDateTime Bound(System.Text.Json.JsonElement bound)
    {
        var dateTime = bound.GetProperty("dateTime");
        var utc = DateTime.Parse(dateTime.GetProperty("utc").GetString()!, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal);
        return CosemDateTime.AtMeter(utc, dateTime.GetProperty("deviation").GetInt32(), dateTime.GetProperty("clockStatus").GetInt32());
    }

    /// <summary>A date-time cell as the README writes the meter's: day of week and hundredths 0xFF.</summary>
    private static DataValue Time(int year, int month, int day, int hour, int minute, int deviation, int status) =>
        DataValue.FromBytes(DataType.OctetString, new byte[]
        {
            (byte)(year >> 8), (byte)year, (byte)month, (byte)day, 0xFF, (byte)hour, (byte)minute, 0, 0xFF,
            (byte)(deviation >> 8), (byte)deviation, (byte)status,
        });

    private static DataValue Row(params DataValue[] cells) => DataValue.FromStructure(cells);

    // README "What the profiles hold": E(j) = 1 000 000 + 25·j + (j² mod 17).
    private static long E(long j) => 1_000_000 + 25 * j + (j * j % 17);
}
