using OpenAmi.Metering.Intervals;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Tests.Support;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Intervals;

/// <summary>
/// A meter without a load profile (the built-in hiking-dds238 Modbus profile) on 15-minute telemetry: the intervals
/// left without a good reading are reported once, with their range, whether the meter was silent or the gateway off.
/// Expected ranges are worked out by hand from the reading times in each test (docs/northbound.md, "Events").
/// </summary>
public class IntervalGapTrackerTests
{
    private const int QuarterHourS = 900;
    private static readonly DateTime Day = new(2026, 6, 22, 0, 0, 0, DateTimeKind.Utc);

    private readonly MemoryFileStore _store = new();
    private readonly MeterRecord _meter = new(new FakeCosemMeters(), 3, BuiltInProfiles.Load("hiking-dds238")!) { Serial = "mill-3" };

    [Fact]
    public void Comms_lost_from_10_07_to_11_02_leaves_the_three_quarter_hours_between_empty()
    {
        // Readings at 10:00 and 10:07 fill the 10:00 slot; the meter is silent until 11:02, whose reading fills the
        // 11:00 slot. Slots with no reading: 10:15, 10:30, 10:45 — first 10:15, last 10:45, 3 intervals of 900 s.
        var (tracker, sink) = Tracker();
        tracker.OnReading(Good(10, 0));
        tracker.OnReading(Good(10, 7));
        tracker.OnReading(Silent(10, 15));
        tracker.OnReading(Silent(10, 30));
        Assert.Empty(sink.Events);

        tracker.OnReading(Good(11, 2));

        var gap = Assert.IsType<IntervalGapEvent>(Assert.Single(sink.Events));
        Assert.Equal(At(10, 15).Ticks, gap.FirstUtcTicks);
        Assert.Equal(At(10, 45).Ticks, gap.LastUtcTicks);
        Assert.Equal(3, gap.Count);
        Assert.Equal(QuarterHourS, gap.IntervalS);
        Assert.Equal("mill-3", gap.MeterSerial);
        Assert.Equal(At(11, 2).Ticks, gap.UtcTicks);
        // The report goes ahead of the reading that closed the gap; every reading is passed on.
        Assert.Equal(5, sink.Readings.Count);
    }

    [Fact]
    public void Readings_in_adjacent_or_the_same_quarter_hours_report_nothing()
    {
        var (tracker, sink) = Tracker();
        tracker.OnReading(Good(10, 14));
        tracker.OnReading(Good(10, 15));
        tracker.OnReading(Good(10, 29));
        tracker.OnReading(Good(10, 44));
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void A_gateway_power_cut_is_reported_from_the_mark_on_flash_after_the_reboot()
    {
        // Last good reading 09:50 (slot 09:45); the gateway is off until 12:20 (slot 12:15). Empty slots 10:00 to
        // 12:00: (12:15 − 09:45) / 15 min − 1 = 9 intervals.
        // The gateway's way for meters without a load profile: the record is read from the store at the first reading.
        var before = new IntervalGapTracker(new RecordingSink(), QuarterHourS) { Store = _store };
        before.OnReading(Good(9, 50));

        var sink = new RecordingSink();
        var rebooted = new IntervalGapTracker(sink, QuarterHourS) { Store = _store };
        rebooted.OnReading(Good(12, 20));

        var gap = Assert.IsType<IntervalGapEvent>(Assert.Single(sink.Events));
        Assert.Equal(At(10, 0).Ticks, gap.FirstUtcTicks);
        Assert.Equal(At(12, 0).Ticks, gap.LastUtcTicks);
        Assert.Equal(9, gap.Count);
    }

    [Fact]
    public void A_meter_with_a_load_profile_is_left_to_the_backfill()
    {
        string json = BuiltInProfiles.DlmsSinglePhase;
        var profiled = ProfileReader.Load(json[..json.LastIndexOf('}')] +
            @", ""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {} } } ] }").Profile!;
        Assert.NotNull(profiled.FindProfile(CaptureProfileKind.Load));
        var dlms = new MeterRecord(new FakeCosemMeters(), 17, profiled) { Serial = "head-1" };
        var (tracker, sink) = Tracker();
        tracker.OnReading(Reading(dlms, At(10, 0), ReadingQuality.Good));
        tracker.OnReading(Reading(dlms, At(12, 0), ReadingQuality.Good));
        Assert.Empty(sink.Events);
        Assert.False(tracker.Marks!.TryGet("head-1", out _));
    }

    [Fact]
    public void A_mark_that_cannot_be_saved_skips_the_check_and_polling_goes_on()
    {
        // IntervalHighWater refuses ids over 255 bytes: the reading still passes, nothing is reported, the failure counted.
        var (tracker, sink) = Tracker();
        var odd = new MeterRecord(new FakeCosemMeters(), 4, _meter.Profile) { Serial = new string('x', 256) };
        tracker.OnReading(Reading(odd, At(10, 0), ReadingQuality.Good));
        tracker.OnReading(Reading(odd, At(12, 0), ReadingQuality.Good));
        Assert.Empty(sink.Events);
        Assert.Equal(2, sink.Readings.Count);
        Assert.Equal(2, tracker.SaveFailures);
    }

    [Fact]
    public void Bad_interval_lengths_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalGapTracker(new RecordingSink(), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IntervalGapEvent.Between(0, TimeSpan.TicksPerHour, -1));
    }

    private (IntervalGapTracker Tracker, RecordingSink Sink) Tracker()
    {
        var sink = new RecordingSink();
        return (new IntervalGapTracker(sink, QuarterHourS) { Marks = new IntervalHighWater(_store) }, sink);
    }

    private static DateTime At(int hour, int minute) => Day.AddHours(hour).AddMinutes(minute);

    private Reading Good(int hour, int minute) => Reading(_meter, At(hour, minute), ReadingQuality.Good);

    private Reading Silent(int hour, int minute) => Reading(_meter, At(hour, minute), ReadingQuality.CommsLost);

    private static Reading Reading(MeterRecord meter, DateTime utc, ReadingQuality quality) => new()
    {
        Meter = meter,
        Item = VmrsCatalogue.Items[0],
        ValueKind = ReadingValueKind.Number,
        Number = 1,
        Quality = quality,
        UtcTicks = utc.Ticks,
    };
}
