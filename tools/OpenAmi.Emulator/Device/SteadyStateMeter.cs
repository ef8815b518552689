using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Config;
using OpenAmi.Metering.Polling;

namespace OpenAmi.Emulator.Device;

/// <summary>
/// What the gateway allocates once it runs: the reference pole polled in simulated time for <see cref="WarmUp"/>, then
/// measured for <see cref="Measured"/> with <see cref="GC.GetAllocatedBytesForCurrentThread"/> on the one thread that
/// runs the whole emulated pole. The simulated side is measured separately and subtracted: the buses and the meters
/// answering on them, the host file stores, the line broker and the head-end behind it (<see cref="HostSideAllocations"/>). The emulated safety thread's rounds are measured on their own
/// (<see cref="FeederWorld.SafetyAllocatedBytes"/>, simulated line ports included, so an upper bound of the gateway's).
/// </summary>
public static class SteadyStateMeter
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromHours(1);

    public static readonly TimeSpan Measured = TimeSpan.FromHours(1);

    /// <summary>
    /// True when the JIT's object stack allocation is off (<c>DOTNET_JitObjectStackAllocation=0</c>), so every object
    /// the IL allocates is counted, as the device's interpreter allocates it. With it on, a method's non-escaping
    /// objects leave the count once its optimized tier is in, which the host's background tiering installs at its own
    /// pace: the same hour measured 1,800 to 2,300 B per meter read from run to run.
    /// </summary>
    public static bool CountsEveryAllocation => Environment.GetEnvironmentVariable("DOTNET_JitObjectStackAllocation") == "0";

    /// <param name="MeterReads">Telemetry envelopes published in the measured hour: one per meter per poll sweep.</param>
    /// <param name="GatewayBytes">Allocated by the gateway in that hour, bus bytes to outbox record and on to the broker, safety rounds excluded.</param>
    /// <param name="NorthboundBytes">Allocated by the northbound part alone for as many meter reads: readings → TelemetryBridge → envelope → outbox record → published and released.</param>
    public sealed record Figures(long MeterReads, long GatewayBytes, long NorthboundBytes, long SafetyRounds, int Lines, long SafetyBytes)
    {
        public double BytesPerMeterRead => (double)GatewayBytes / MeterReads;

        public double NorthboundBytesPerMeterRead => (double)NorthboundBytes / MeterReads;

        public double BytesPerRcmBlock => (double)SafetyBytes / (SafetyRounds * Lines);
    }

    public static Figures Measure(Scenario timing, GatewayConfig config)
    {
        var clock = new SimulatedClock(timing.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(TextWriter.Null));
        var sweep = new ReadingCopies();
        RunUntil(world, clock, timing, WarmUp);

        // A second hour of warm-up records its readings (copied) to feed the northbound part alone below.
        world.App.Northbound.Bridge.ReadingTap = sweep;
        RunUntil(world, clock, timing, WarmUp + WarmUp);
        world.App.Northbound.Bridge.ReadingTap = null;

        long reads = world.App.Northbound.Bridge.EnvelopesPublished;
        long rounds = world.SafetyRounds;
        long safety = world.SafetyAllocatedBytes;
        long hostSide = HostSideAllocations.Bytes;
        long start = GC.GetAllocatedBytesForCurrentThread();
        RunUntil(world, clock, timing, WarmUp + WarmUp + Measured);
        long total = GC.GetAllocatedBytesForCurrentThread() - start;
        reads = world.App.Northbound.Bridge.EnvelopesPublished - reads;
        rounds = world.SafetyRounds - rounds;
        safety = world.SafetyAllocatedBytes - safety;
        long gateway = total - (HostSideAllocations.Bytes - hostSide) - safety;

        return new Figures(reads, gateway, Northbound(world, sweep, reads), rounds, config.Safety.Channels.Length, safety);
    }

    /// <summary>
    /// The readings of the warm-up's last hour replayed into the running gateway's bridge, as many envelopes as the
    /// measured hour read, each pumped to the broker by the uplink (the outbox appends, publishes and releases it).
    /// </summary>
    private static long Northbound(FeederWorld world, ReadingCopies sweep, long reads)
    {
        var bridge = world.App.Northbound.Bridge;
        var uplink = world.App.Northbound.Uplink;
        long hostSide = HostSideAllocations.Bytes;
        long envelopes = bridge.EnvelopesPublished;
        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; bridge.EnvelopesPublished - envelopes < reads; i = (i + 1) % sweep.Readings.Count)
        {
            bridge.OnReading(sweep.Readings[i]);
            uplink.Tick(0);
        }

        long total = GC.GetAllocatedBytesForCurrentThread() - start;
        return total - (HostSideAllocations.Bytes - hostSide);
    }

    private static void RunUntil(FeederWorld world, SimulatedClock clock, Scenario timing, TimeSpan end)
    {
        var scenario = timing with { DurationMs = (long)end.TotalMilliseconds, Events = [] };
        new FeederRunner(clock, () => world.Scheduler, scenario, world.Apply).Run();
    }

    /// <summary>Copies of the readings metering hands the bridge (metering may reuse its objects).</summary>
    private sealed class ReadingCopies : OpenAmi.Metering.Ports.IMeteringSink
    {
        public List<Reading> Readings { get; } = [];

        public void OnReading(Reading reading) => Readings.Add(new Reading
        {
            Meter = reading.Meter,
            Item = reading.Item,
            ValueKind = reading.ValueKind,
            Number = reading.Number,
            Text = reading.Text,
            Quality = reading.Quality,
            Reason = reading.Reason,
            Status = reading.Status,
            MonotonicMs = reading.MonotonicMs,
            UtcTicks = reading.UtcTicks,
        });

        public void OnEvent(OpenAmi.Metering.Data.MeteringEvent meteringEvent)
        {
        }
    }
}
