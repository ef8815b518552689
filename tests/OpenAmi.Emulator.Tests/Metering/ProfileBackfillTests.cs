using System.Text;
using System.Text.Json;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Gateway.Northward;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Intervals;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.TestSupport;

namespace OpenAmi.Emulator.Tests.Metering;

/// <summary>
/// Backfill from an emulated meter's 15-minute load profile over the DLMS reader on a simulated 9600 Bd bus. The
/// expected rows are taken from the emulated profile object itself (its own selection, no HDLC, no DLMS client, no
/// column map) and scaled with the meter's declared scalers, so the wire path and the mapping are checked against a
/// second route to the same buffer.
/// </summary>
public class ProfileBackfillTests
{
    private static readonly DateTime T0 = new(2026, 1, 15, 10, 30, 0, DateTimeKind.Utc);
    private static readonly MeterProfile Meter = DlmsFeeder.Plain;

    [Fact]
    public void Missing_intervals_are_published_oldest_first_in_slices_and_only_once()
    {
        using var f = Feeder(out var state);
        var store = new MemoryFileStore();
        var marks = new IntervalHighWater(store);
        marks.Advance("plain", T0.AddHours(-6));
        var sink = new Sink();
        var backfill = new ProfileBackfill(f.Reader, f.Reader, marks, sink, new BackfillOptions { SliceIntervals = 16 });

        int steps = RunToEnd(backfill, T0);

        Assert.Equal(2, steps); // 24 intervals in slices of 16
        Assert.Equal(Enumerable.Range(1, 24).Select(i => T0.AddHours(-6).AddMinutes(15 * i)), sink.Times);
        AssertValuesAsTheMeterHolds(state, sink);

        Assert.Equal(ReadStatus.Ok, backfill.Step("plain", Meter.ServerLower, Profile(), T0));
        Assert.Equal(0, backfill.Published);
        Assert.False(backfill.Pending);
    }

    [Fact]
    public void After_a_reboot_the_mark_on_flash_keeps_every_interval_single()
    {
        using var f = Feeder(out var state);
        var store = new MemoryFileStore();
        var first = new IntervalHighWater(store);
        first.Advance("plain", T0.AddHours(-1));
        RunToEnd(new ProfileBackfill(f.Reader, f.Reader, first, new Sink(), new BackfillOptions()), T0);

        // The gateway restarts (new marks from the same files, new reader state); the meter's clock runs on an hour.
        state.ClockUtc = T0.AddHours(1);
        var sink = new Sink();
        var rebooted = new ProfileBackfill(f.Reader, f.Reader, new IntervalHighWater(store), sink, new BackfillOptions());
        RunToEnd(rebooted, T0.AddHours(1));

        Assert.Equal(new[] { T0.AddMinutes(15), T0.AddMinutes(30), T0.AddMinutes(45), T0.AddMinutes(60) }, sink.Times);
        AssertValuesAsTheMeterHolds(state, sink);
    }

    [Fact]
    public void A_mark_older_than_the_horizon_is_read_back_only_to_the_horizon()
    {
        using var f = Feeder(out _);
        var sink = new Sink();
        var marks = new IntervalHighWater(new MemoryFileStore());
        marks.Advance("plain", T0.AddDays(-5));
        var backfill = new ProfileBackfill(f.Reader, f.Reader, marks, sink, new BackfillOptions { HorizonSeconds = 2 * 3600 });

        RunToEnd(backfill, T0);

        // The emulated profile holds ten days (960 rows); a two-hour horizon takes the eight intervals after T0 − 2 h.
        Assert.Equal(Enumerable.Range(1, 8).Select(i => T0.AddHours(-2).AddMinutes(15 * i)), sink.Times);
    }

    [Fact]
    public void A_meter_seen_for_the_first_time_owes_only_what_it_captures_afterwards()
    {
        // The meter holds ten days of rows, the horizon is seven days, but the gateway never knew it before T0 (10:30):
        // its mark starts at the newest boundary (10:30) and nothing before is published. An hour later the four
        // intervals captured since follow.
        using var f = Feeder(out var state);
        var sink = new Sink();
        var marks = new IntervalHighWater(new MemoryFileStore());
        var backfill = new ProfileBackfill(f.Reader, f.Reader, marks, sink, new BackfillOptions());

        Assert.Equal(ReadStatus.Ok, backfill.Step("plain", Meter.ServerLower, Profile(), T0.AddSeconds(20)));
        Assert.Empty(sink.Times);
        Assert.False(backfill.Pending);
        Assert.True(marks.TryGet("plain", out var mark));
        Assert.Equal(T0, mark);

        state.ClockUtc = T0.AddHours(1);
        RunToEnd(backfill, T0.AddHours(1));
        Assert.Equal(Enumerable.Range(1, 4).Select(i => T0.AddMinutes(15 * i)), sink.Times);
        AssertValuesAsTheMeterHolds(state, sink);
    }

    [Fact]
    public void A_silent_meter_or_one_without_a_load_profile_publishes_nothing_and_keeps_its_mark()
    {
        using var f = Feeder(out _);
        var marks = new IntervalHighWater(new MemoryFileStore());
        marks.Advance("ghost", T0.AddHours(-1));
        var sink = new Sink();
        var backfill = new ProfileBackfill(f.Reader, f.Reader, marks, sink, new BackfillOptions());
        f.Reader.Declare(40, Profile()); // nobody answers at address 40

        Assert.Equal(ReadStatus.NoResponse, backfill.Step("ghost", 40, Profile(), T0));
        Assert.True(marks.TryGet("ghost", out var mark));
        Assert.Equal(T0.AddHours(-1), mark);
        Assert.Equal(ReadStatus.NotSupported, backfill.Step("plain", Meter.ServerLower, DlmsFeeder.Profile(Meter), T0));
        Assert.Empty(sink.Times);
    }

    [Fact]
    public void Each_interval_becomes_a_valid_telemetry_envelope_stamped_with_its_own_capture_time()
    {
        using var f = Feeder(out var state);
        var marks = new IntervalHighWater(new MemoryFileStore());
        marks.Advance("plain", T0.AddHours(-2));
        var outbox = new Emitted();
        var telemetry = new IntervalTelemetry(new Topics("feeder-1", "pole-1"), outbox);
        RunToEnd(new ProfileBackfill(f.Reader, f.Reader, marks, telemetry, new BackfillOptions()), T0);

        // Eight 15-minute slots after the mark, oldest first, each in one schema-valid envelope on the meter's topic.
        Assert.Equal(8, outbox.Payloads.Count);
        Assert.All(outbox.Topics, t => Assert.Equal("openami/v1/feeder-1/pole-1/meter/plain/telemetry", t));
        var sink = new Sink();
        foreach (string json in outbox.Payloads)
        {
            Schemas.AssertValid(Schemas.Telemetry, json);
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            Assert.Equal("plain", root.GetProperty("meterSerial").GetString());
            sink.Times.Add(DateTime.Parse(root.GetProperty("ts").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
            var registers = root.GetProperty("registers").EnumerateArray().ToList();
            Assert.All(registers, r => Assert.Equal("good", r.GetProperty("quality").GetString()));
            Assert.Equal(new[] { "kWh", "V", "W" }, registers.Select(r => r.GetProperty("unit").GetString()));
            sink.Values.Add(registers.ToDictionary(r => r.GetProperty("obis").GetString()!, r => r.GetProperty("value").GetDouble()));
        }

        Assert.Equal(Enumerable.Range(1, 8).Select(i => T0.AddHours(-2).AddMinutes(15 * i)), sink.Times);
        AssertValuesAsTheMeterHolds(state, sink);
        Assert.Equal(8, telemetry.EnvelopesPublished);
    }

    [Fact]
    public void The_queue_gives_due_meters_turns_drops_a_silent_one_and_takes_a_meter_back_when_asked()
    {
        using var f = Feeder(out var state);
        var marks = new IntervalHighWater(new MemoryFileStore());
        marks.Advance("plain", T0.AddHours(-6));
        marks.Advance("ghost", T0.AddHours(-6));
        var sink = new Sink();
        var queue = new BackfillQueue(new ProfileBackfill(f.Reader, f.Reader, marks, sink, new BackfillOptions { SliceIntervals = 16 }));
        f.Reader.Declare(40, Profile()); // nobody answers at address 40
        Assert.True(queue.Add("plain", Meter.ServerLower, Profile()));
        Assert.True(queue.Add("ghost", 40, Profile()));
        Assert.False(queue.Add("modbus-like", 41, DlmsFeeder.Profile(Meter))); // no load profile: keeps data_gap
        Assert.False(queue.HasWork);

        queue.RequestAll();
        var statuses = new List<ReadStatus>();
        while (queue.HasWork && statuses.Count < 10)
        {
            statuses.Add(queue.Step(T0));
        }

        // plain's first slice, ghost's silence (then no longer due), plain's second slice: 24 intervals, as the meter holds them.
        Assert.Equal(new[] { ReadStatus.Ok, ReadStatus.NoResponse, ReadStatus.Ok }, statuses);
        Assert.Equal(24, queue.Published);
        Assert.Equal(1, queue.Failures);
        Assert.False(queue.IsDue("ghost"));
        AssertValuesAsTheMeterHolds(state, sink);

        // plain's comms come back an hour later: the four intervals it captured meanwhile, and nothing again.
        state.ClockUtc = T0.AddHours(1);
        var restored = new BackfillOnCommsRestored(new NullSink(), new[] { null!, queue });
        restored.OnEvent(new CommsEvent(false) { MeterSerial = "plain" });
        Assert.True(queue.IsDue("plain"));
        Assert.Equal(ReadStatus.Ok, queue.Step(T0.AddHours(1)));
        Assert.Equal(Enumerable.Range(1, 4).Select(i => T0.AddMinutes(15 * i)), sink.Times.Skip(24));
        Assert.False(queue.HasWork);
    }

    private static DlmsFeeder Feeder(out EmulatedMeterState state)
    {
        var f = new DlmsFeeder(Meter);
        state = f.Meter(Meter).State;
        state.ClockUtc = T0;
        state.EnergyImportWh = 1_234_567;
        state.PowerW = 800;
        state.RunProfiles();
        f.Reader.Declare(Meter.ServerLower, Profile());
        return f;
    }

    /// <summary>The emulated meter's vendor profile with its load profile mapped (docs/emulator.md: clock, +A, −A, voltage, power).</summary>
    private static VendorProfile Profile()
    {
        string json = DlmsFeeder.ProfileJson(Meter);
        json = json[..json.LastIndexOf('}')] +
               @", ""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {}, ""32.7.0"": {}, ""1.7.0"": {} } } ] }";
        var result = ProfileReader.Load(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Cast<ProfileError>().Select(e => e.Path + ": " + e.Reason)));
        return result.Profile!;
    }

    private static int RunToEnd(ProfileBackfill backfill, DateTime now)
    {
        int steps = 0;
        do
        {
            Assert.Equal(ReadStatus.Ok, backfill.Step("plain", Meter.ServerLower, Profile(), now));
            steps++;
        }
        while (backfill.Pending && steps < 100);

        return steps;
    }

    /// <summary>Each published interval against the emulated buffer's own row at that capture time.</summary>
    private static void AssertValuesAsTheMeterHolds(EmulatedMeterState state, Sink sink)
    {
        var rows = state.LoadProfile.Select(ProfileSelection.ByRangeSelector, ProfileSelection.ByRange(CaptureObject.ClockTime(),
            CosemDateTime.FromUtc(sink.Times[0]), CosemDateTime.FromUtc(sink.Times[^1]), null)).Value!;
        Assert.Equal(sink.Times.Count, rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            Assert.True(CosemDateTime.Parse(rows[r][0].AsBytes()).TryToUtc(out var captured));
            Assert.Equal(captured, sink.Times[r]);
            var values = sink.Values[r];
            Assert.Equal(Scaled(rows[r][1], Meter.EnergyScaler) / 1000, values["1.8.0"], 9);
            Assert.Equal(Scaled(rows[r][3], Meter.VoltageScaler), values["32.7.0"], 9);
            Assert.Equal(Scaled(rows[r][4], Meter.PowerScaler), values["1.7.0"], 9);
        }
    }

    private static double Scaled(DataValue raw, int scaler) => raw.AsInt64() * Math.Pow(10, scaler);

    private sealed class Sink : IIntervalSink
    {
        public List<DateTime> Times { get; } = new();
        public List<Dictionary<string, double>> Values { get; } = new();

        public void Publish(string meterId, ProfileColumnMap map, IntervalRecord interval)
        {
            Times.Add(interval.CapturedUtc);
            Values.Add(map.Columns.Select((c, i) => (c.Item.Code, interval.Values[i])).ToDictionary(x => x.Code, x => x.Item2));
        }
    }

    private sealed class Emitted : IEventSink
    {
        public List<string> Topics { get; } = new();
        public List<string> Payloads { get; } = new();

        public void Emit(string topic, byte[] payload, int offset, int count)
        {
            Topics.Add(topic);
            Payloads.Add(Encoding.UTF8.GetString(payload, offset, count));
        }
    }

    private sealed class NullSink : IMeteringSink
    {
        public void OnReading(OpenAmi.Metering.Polling.Reading reading)
        {
        }

        public void OnEvent(MeteringEvent meteringEvent)
        {
        }
    }
}
