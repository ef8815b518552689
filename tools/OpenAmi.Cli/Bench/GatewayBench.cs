using System.Diagnostics;
using OpenAmi.Cli.Commands;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Scheduling;

namespace OpenAmi.Cli.Bench;

/// <summary>
/// The composed gateway (GatewayApp) on the desktop: the scheduler's own cost per step, and whole feeder runs in
/// simulated time through the feeder emulator — host time per simulated hour, bytes allocated per published
/// envelope end to end (gateway, simulated meters and bus, the output link), and how deep the outbox gets
/// across a broker outage. Host times are this machine's; allocations and depths are exact.
/// </summary>
public static class GatewayBench
{
    private const long HourMs = 3_600_000;

    public static BenchReport Run()
    {
        string defaultScenario = EmulateCommand.DefaultScenario();
        var (scenario, config) = FeederEmulation.Load(defaultScenario, null);
        string feeder = $"{config.Meters.Length} meters on {config.Buses.Length} bus(es) ({Path.GetFileName(defaultScenario)}'s feeder), {config.Intervals.InstantaneousS} s sweeps";

        var (taskCount, step) = SchedulerStep(scenario, config);
        var steady = SteadyDay(scenario, config);
        var outage = Outage(Path.Combine(Path.GetDirectoryName(defaultScenario)!, "broker-outage.json"));

        return new BenchReport("gateway",
        [
            new BenchRow("gateway", "scheduler step ns", step.NanosecondsPerOp, "ns", $"{taskCount} tasks (as many as the emulated default feeder schedules), empty steps, lanes mixed"),
            new BenchRow("gateway", "scheduler step bytes allocated", step.BytesPerOp, "B", "exact"),
            new BenchRow("gateway", "host ms per simulated hour (default feeder)", steady.WallMs / steady.Hours, "ms", feeder + ", no scenario events, output discarded"),
            new BenchRow("gateway", "simulated hours per host second", steady.Hours / (steady.WallMs / 1000), "h/s", feeder),
            new BenchRow("gateway", "envelopes per simulated hour", steady.Envelopes / steady.Hours, "1/h", feeder),
            new BenchRow("gateway", "scheduler steps per simulated hour", steady.Steps / steady.Hours, "1/h", feeder),
            new BenchRow("gateway", "bytes allocated per envelope end to end (default feeder)", (double)steady.Bytes / steady.Envelopes, "B", "whole process: gateway + simulated meters, bus and link"),
            new BenchRow("gateway", "bytes allocated per envelope end to end (Modbus feeder)", outage.BytesPerEnvelope, "B", outage.Conditions + "; whole process"),
            new BenchRow("gateway", "outbox depth when the broker returns", outage.Depth, "records", outage.Conditions),
            new BenchRow("gateway", "outbox bytes when the broker returns", outage.Bytes, "B", outage.Conditions),
            new BenchRow("gateway", "outbox left after the outage drained", outage.Left, "records", "must be 0: nothing lost"),
        ]);
    }

    /// <summary>RunNext over as many tasks as the composed gateway has, each due every millisecond and doing nothing.</summary>
    private static (int Tasks, Measure.Result Step) SchedulerStep(Scenario scenario, OpenAmi.Gateway.Config.GatewayConfig config)
    {
        var clock = new SimulatedClock(scenario.StartUtc, 0);
        int tasks;
        using (var world = new FeederWorld(config, clock, new LineBrokerLink(TextWriter.Null)))
        {
            tasks = world.Scheduler.Count;
        }

        var bare = new SimulatedClock(scenario.StartUtc, 0);
        var scheduler = new Scheduler(bare, SchedulerOptions.Default);
        WorkStep nothing = _ => { };
        for (int i = 0; i < tasks; i++)
        {
            scheduler.AddPeriodic("task " + i, (Lane)(i % 3), 0, 1, nothing);
        }

        var result = Measure.Run(() =>
        {
            if (!scheduler.RunNext())
            {
                bare.Advance(1);
                scheduler.RunNext();
            }
        }, 1_000_000, warmup: 10_000);
        return (tasks, result);
    }

    private static (double Hours, double WallMs, long Envelopes, long Steps, long Bytes) SteadyDay(Scenario scenario, OpenAmi.Gateway.Config.GatewayConfig config)
    {
        var day = scenario with { Events = [], DurationMs = (Measure.Quick ? 1 : 24) * HourMs };
        var clock = new SimulatedClock(day.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(TextWriter.Null));
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        new FeederRunner(clock, world.Scheduler, day, world.Apply).Run();
        world.Finish();
        watch.Stop();
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        long steps = world.Scheduler.Tasks().Sum(t => t.Runs);
        return (day.DurationMs / (double)HourMs, watch.Elapsed.TotalMilliseconds, world.Summary.EnvelopesBuilt, steps, bytes);
    }

    /// <summary>broker-outage.json: what the outbox holds at the moment the broker comes back, and what is left at the end.</summary>
    private static (int Depth, int Bytes, long Left, double BytesPerEnvelope, string Conditions) Outage(string path)
    {
        var (scenario, config) = FeederEmulation.Load(path, null);
        var clock = new SimulatedClock(scenario.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(TextWriter.Null));
        int depth = 0;
        int bytes = 0;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        new FeederRunner(clock, world.Scheduler, scenario, e =>
        {
            if (e.Type == ScenarioEventType.BrokerUp)
            {
                depth = world.App.Northbound.Outbox.Depth;
                bytes = world.App.Northbound.Outbox.TotalBytes;
            }

            world.Apply(e);
        }).Run();
        world.Finish();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var down = scenario.Events.First(e => e.Type == ScenarioEventType.BrokerDown).AtMs;
        var up = scenario.Events.First(e => e.Type == ScenarioEventType.BrokerUp).AtMs;
        string conditions = $"{Path.GetFileName(path)}: {config.Meters.Length} meters, broker away {(up - down) / (double)HourMs:0.#} h";
        return (depth, bytes, world.Summary.OutboxLeft, (double)allocated / world.Summary.EnvelopesBuilt, conditions);
    }
}
