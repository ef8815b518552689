using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Tests.Support;

namespace OpenAmi.Metering.Tests.ClockSync;

public class ClockSyncTests
{
    [Fact]
    public void Drift_within_two_seconds_is_reported_and_left_alone()
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "A", 10, clockOffsetS: 1.5);
        feeder.Scheduler.RunSweep();
        var drift = feeder.Sink.Events.OfType<ClockDriftEvent>().Single();
        Assert.Equal(ClockAction.None, drift.Action);
        Assert.Empty(feeder.Meters.Writes);
        // The clock is the 11th transaction (five registers before it, each scaler_unit + value) of 100 ms:
        // midpoint 1.05 s after the sweep start, the meter's clock still shows epoch + 1.5 s: drift 0.45 s.
        Assert.Equal(0.45, drift.DriftSeconds, 3);
    }

    [Fact]
    public void Drift_beyond_two_seconds_is_corrected_keeping_the_meters_deviation_and_dst_flag()
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "A", 10);
        // Meter keeps CEST local time: deviation −120 (UTC = local + deviation), DST bit set, and runs 30 s fast.
        var local = CosemDateTime.FromUtc(Feeder.Epoch.AddHours(2).AddSeconds(30));
        local.Deviation = -120;
        local.ClockStatus = 0x80;
        feeder.Meters.Bytes(17, "0-0:1.0.0*255", 2, local.ToBytes());
        feeder.Scheduler.RunSweep();

        var drift = feeder.Sink.Events.OfType<ClockDriftEvent>().Single();
        Assert.Equal(ClockAction.Corrected, drift.Action);
        Assert.Equal(30 - 1.05, drift.DriftSeconds, 3);
        var written = CosemDateTime.Parse(feeder.Meters.Writes.Single().Bytes);
        Assert.Equal(-120, written.Deviation);
        Assert.Equal(0x80, written.ClockStatus);
        Assert.True(MeterTime.TryToUtc(written, false, out var utc));
        // Encoded right after the clock read ended (11 transactions of 100 ms): true time = epoch + 1.1 s.
        Assert.Equal(Feeder.Epoch.AddMilliseconds(1100), utc);
        Assert.Equal(16, written.Hour); // 14:30 UTC shown as 16:30 CEST
    }

    [Fact]
    public void A_clock_the_meter_flags_invalid_is_set_and_its_reading_is_suspect()
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "A", 10);
        feeder.SetMeterClock(17, Feeder.Epoch, status: 0x01);
        feeder.Scheduler.RunSweep();
        var drift = feeder.Sink.Events.OfType<ClockDriftEvent>().Single();
        Assert.True(double.IsNaN(drift.DriftSeconds));
        Assert.Equal(ClockAction.Corrected, drift.Action);
        Assert.Equal(OpenAmi.Metering.Quality.ReadingQuality.Suspect, feeder.ReadingsOf(17, "0.0.1.0.0.255").Single().Quality);
    }

    [Fact]
    public void An_unhealthy_gateway_clock_never_sets_a_meter()
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "A", 10, clockOffsetS: 60);
        feeder.TimeSource.Available = false;
        feeder.Clock.NowMs += 7 * 3600_000; // last sync older than the 6 h allowed
        feeder.Scheduler.RunSweep();
        Assert.Equal(TimeHealth.Stale, feeder.GatewayClock.Health);
        Assert.Equal(ClockAction.RefusedTimeSourceUnhealthy, feeder.Sink.Events.OfType<ClockDriftEvent>().Single().Action);
        Assert.Empty(feeder.Meters.Writes);
    }

    [Fact]
    public void Disagreeing_time_sources_make_the_gateway_clock_conflicting()
    {
        var clock = new ManualClock();
        var good = new FixedTimeSource(clock, Feeder.Epoch);
        var wrong = new FixedTimeSource(clock, Feeder.Epoch) { SkewSeconds = 5 };
        var gateway = new GatewayClock(clock, [good, wrong], 3600_000, 2000);
        Assert.Equal(TimeHealth.Unsynced, gateway.Health);
        gateway.Refresh();
        Assert.Equal(TimeHealth.Conflicting, gateway.Health);
        Assert.Equal(5000, gateway.Sources[1].OffsetFromReferenceMs);
        wrong.SkewSeconds = 0.5;
        gateway.Refresh();
        Assert.Equal(TimeHealth.Healthy, gateway.Health);
    }

    [Fact]
    public void Osgp_example_cest_deviation_minus_120_means_utc_is_local_minus_two_hours()
    {
        // OSGP smart-metering docs, SynchronizeTime: in CEST "deviation should be -120 (120 minutes deducted
        // from local time gives GMT/UTC time)".
        var time = CosemDateTime.FromUtc(new DateTime(2026, 7, 1, 12, 0, 0));
        time.Deviation = -120;
        Assert.True(MeterTime.TryToUtc(time, false, out var utc));
        Assert.Equal(new DateTime(2026, 7, 1, 10, 0, 0), utc);
        Assert.True(MeterTime.TryToUtc(time, true, out var inverted));
        Assert.Equal(new DateTime(2026, 7, 1, 14, 0, 0), inverted);
    }
}
