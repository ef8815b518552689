using System.Collections;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Intervals;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Metering.Tests.Intervals;

/// <summary>
/// On-demand range reads (the read-profile command) over a scripted meter whose rows are built here by hand: the date-time
/// cells laid out as Blue Book 4.1.6.1 "Date and time formats" gives them (year hi/lo, month, day, day of week, hour,
/// minute, second, hundredths, deviation hi/lo, status), the buffer as class 7 attribute 2 (an array of structures, one
/// cell per capture object). Every expected slice bound, timestamp and value is worked out in the comments.
/// </summary>
public class ProfileRangeReaderTests
{
    private const string LoadProfile = @"{ ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": { ""scaler"": 1, ""unit"": ""Wh"" } } }";
    private const string BillingProfile = @"{ ""logicalName"": ""0-0:98.1.0*255"", ""kind"": ""billing"", ""columns"": { ""1.8.0"": { ""scaler"": 0, ""unit"": ""Wh"" } } }";

    private static readonly DateTime Day = new(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_range_is_read_in_slices_of_whole_intervals_and_every_row_reaches_the_sink_oldest_first()
    {
        var meter = new ScriptedMeter(900, ProfileDescription.Fifo);
        // Rows every 15 min from 00:00 to 02:00 UTC (deviation 0): 9 rows, register 1000 + 10·i in units of 10 Wh.
        for (int i = 0; i <= 8; i++)
        {
            meter.Rows.Add(Row(Day.AddMinutes(15 * i), 0, 1000 + (10 * i)));
        }

        var sink = new Collect();
        var reader = new ProfileRangeReader(meter, new ProfileColumnMaps(meter, meter), 4);

        var status = reader.Read("m1", 17, Load(), CaptureProfileKind.Load, Day, Day.AddHours(2), sink);

        Assert.Equal(ReadStatus.Ok, status);
        Assert.Equal(9, reader.Delivered);
        // 4 intervals of 900 s per slice: [00:00, 00:59:59], [01:00, 01:59:59], [02:00, 02:00] (the end of the range).
        Assert.Equal(new[] { (Day, Day.AddSeconds(3599)), (Day.AddHours(1), Day.AddHours(1).AddSeconds(3599)), (Day.AddHours(2), Day.AddHours(2)) },
            meter.Ranges);
        Assert.Equal(Enumerable.Range(0, 9).Select(i => Day.AddMinutes(15 * i)), sink.Times);
        // scaler 1: (1000 + 10·i) × 10 Wh = 10 + 0.1·i kWh.
        Assert.Equal(Enumerable.Range(0, 9).Select(i => 10 + (0.1 * i)), sink.Values.Select(v => Math.Round(v, 9)));
    }

    [Fact]
    public void A_lifo_billing_profile_captured_on_events_is_read_in_day_slices_and_rows_outside_the_range_are_dropped()
    {
        // capture_period 0 (captured at each billing reset) and LIFO: the meter sends its newest row first.
        var meter = new ScriptedMeter(0, ProfileDescription.Lifo);
        meter.AnswerEverything = true; // a meter that sends its whole buffer whatever the range
        for (int d = 4; d >= 0; d--)
        {
            // Midnight meter time of a CET meter (deviation −60, UTC = local + deviation): 23:00 UTC the day before.
            meter.Rows.Add(Row(Day.AddDays(d).AddHours(-1), -60, 50_000 + (1000 * d)));
        }

        var sink = new Collect();
        var reader = new ProfileRangeReader(meter, new ProfileColumnMaps(meter, meter), 16);

        // From 2026-03-10 22:00 to 2026-03-12 23:00 UTC holds the captures of 11, 12 and 13 March local midnight (d = 1, 2, 3).
        var status = reader.Read("m1", 17, Load(), CaptureProfileKind.Billing, Day.AddHours(22), Day.AddDays(2).AddHours(23), sink);

        Assert.Equal(ReadStatus.Ok, status);
        // Event profiles are sliced as one row a day: 16 days per read covers the 2 days in one read.
        Assert.Single(meter.Ranges);
        Assert.Equal(new[] { Day.AddHours(23), Day.AddDays(1).AddHours(23), Day.AddDays(2).AddHours(23) }, sink.Times);
        Assert.Equal(new[] { 51.0, 52.0, 53.0 }, sink.Values); // scaler 0: Wh → kWh
        Assert.Equal(3, reader.Delivered);
    }

    [Fact]
    public void A_meter_falling_silent_part_way_keeps_what_was_delivered_and_says_why()
    {
        var meter = new ScriptedMeter(900, ProfileDescription.Fifo) { SilentFromRead = 2 };
        for (int i = 0; i <= 8; i++)
        {
            meter.Rows.Add(Row(Day.AddMinutes(15 * i), 0, 1000 + i));
        }

        var reader = new ProfileRangeReader(meter, new ProfileColumnMaps(meter, meter), 4);

        var status = reader.Read("m1", 17, Load(), CaptureProfileKind.Load, Day, Day.AddHours(2), new Collect());

        Assert.Equal(ReadStatus.NoResponse, status);
        Assert.Equal(4, reader.Delivered); // the first slice: 00:00, 00:15, 00:30, 00:45
    }

    [Fact]
    public void A_profile_kind_the_vendor_profile_does_not_map_is_not_supported_without_a_read()
    {
        var meter = new ScriptedMeter(900, ProfileDescription.Fifo);
        var profile = Load(LoadProfile);
        var reader = new ProfileRangeReader(meter, new ProfileColumnMaps(meter, meter), 4);

        Assert.Equal(ReadStatus.NotSupported, reader.Read("m1", 17, profile, CaptureProfileKind.Billing, Day, Day.AddHours(1), new Collect()));
        Assert.Empty(meter.Ranges);
    }

    private static VendorProfile Load() => Load(LoadProfile + ", " + BillingProfile);

    private static VendorProfile Load(string profiles)
    {
        var result = ProfileReader.Load(@"{ ""id"": ""hand"", ""protocol"": ""dlms"", ""link"": { ""medium"": ""rs485"" }, ""address"": 17,
            ""items"": { ""1.8.0"": {} }, ""profiles"": [ " + profiles + " ] }");
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Cast<ProfileError>().Select(e => e.Path + ": " + e.Reason)));
        return result.Profile!;
    }

    private static DataValue Row(DateTime utc, int deviation, long register)
    {
        // The meter's local time is UTC − deviation (UTC = local + deviation, Blue Book 4.1.6.1).
        var local = utc.AddMinutes(-deviation);
        var time = new byte[]
        {
            (byte)(local.Year >> 8), (byte)local.Year, (byte)local.Month, (byte)local.Day, 0xFF, (byte)local.Hour, (byte)local.Minute, 0, 0xFF,
            (byte)(deviation >> 8), (byte)deviation, 0x00,
        };
        return DataValue.FromStructure(new[] { DataValue.FromBytes(DataType.OctetString, time), DataValue.FromInteger(DataType.DoubleLongUnsigned, register) });
    }

    private sealed class Collect : IIntervalSink
    {
        public List<DateTime> Times { get; } = [];
        public List<double> Values { get; } = [];

        public void Publish(string meterId, ProfileColumnMap map, IntervalRecord interval)
        {
            Times.Add(interval.CapturedUtc);
            Values.Add(interval.Values[0]);
        }
    }

    /// <summary>A meter whose profile holds <see cref="Rows"/> (in the order it sends them) and answers range reads from them.</summary>
    private sealed class ScriptedMeter(uint capturePeriod, int sortMethod) : IMeterReader, IProfileMeterReader
    {
        public List<DataValue> Rows { get; } = [];
        public List<(DateTime, DateTime)> Ranges { get; } = [];
        public bool AnswerEverything { get; set; }
        public int SilentFromRead { get; set; } = int.MaxValue;

        public ReadStatus ReadProfileDescription(int meterAddress, byte[] profile, out ProfileDescription description)
        {
            description = new ProfileDescription
            {
                LogicalName = ObisCode.FromBytes(profile, 0),
                CaptureObjects = [CaptureObject.ClockTime(), new CaptureObject(CosemClass.Register, ObisCode.Parse("1.0.1.8.0.255"), 2, 0)],
                CapturePeriod = capturePeriod,
                SortMethod = sortMethod,
            };
            return ReadStatus.Ok;
        }

        public ReadStatus ReadProfileRange(int meterAddress, byte[] profile, DateTime fromUtc, DateTime toUtc, bool invertedDeviation, out DataValue rows)
        {
            rows = null!;
            if (Ranges.Count >= SilentFromRead - 1)
            {
                return ReadStatus.NoResponse;
            }

            Ranges.Add((fromUtc, toUtc));
            var chosen = Rows.Where(r => AnswerEverything || InRange(r, fromUtc, toUtc)).ToArray();
            rows = DataValue.FromArray(chosen);
            return ReadStatus.Ok;
        }

        private static bool InRange(DataValue row, DateTime from, DateTime to) =>
            CosemDateTime.Parse(row[0].AsBytes()).TryToUtc(out var utc) && utc >= from && utc <= to;

        public ReadStatus Read(int meterAddress, CosemAttributeRef target, MeterValue into) => throw new InvalidOperationException("the profile gives every scaler");
        public ReadStatus Write(int meterAddress, CosemAttributeRef target, MeterValue value) => throw new NotSupportedException();
        public ReadStatus ReadObjectList(int meterAddress, ArrayList into) => throw new NotSupportedException();
        public ReadStatus RemoteDisconnect(int meterAddress, byte[] controlLogicalName) => throw new NotSupportedException();
        public TokenGatewayAnswer EnterToken(int meterAddress, byte[] token, int offset, int count) => throw new NotSupportedException();
        public TokenGatewayAnswer ReadTokenStatus(int meterAddress) => throw new NotSupportedException();
    }
}
