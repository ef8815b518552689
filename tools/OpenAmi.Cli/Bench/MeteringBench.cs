using OpenAmi.Emulator.Modbus;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Cli.Bench;

/// <summary>
/// Feeder sweep time on one simulated 9600 Bd RS-485 bus (virtual bus time, not host time) against the wire-time
/// floor, and the firmware's cost of one meter read.
/// </summary>
public static class MeteringBench
{
    private const int Baud = 9600;
    private const double TurnaroundMs = 10;
    private static readonly string[] Profiles = [BuiltInProfiles.EastronSdm120, BuiltInProfiles.ChintDdsu666, BuiltInProfiles.HikingDds238];

    private sealed class DiscardSink : IMeteringSink
    {
        public void OnReading(Reading reading) { }
        public void OnEvent(MeteringEvent meteringEvent) { }
    }

    public static BenchReport Run()
    {
        var rows = new List<BenchRow>();
        foreach (int meters in new[] { 10, 50, 100 })
        {
            var (sweep, floor, reads) = Sweep(meters);
            string conditions = $"{meters} Modbus meters (SDM120/DDSU666/DDS238 mix), 5 VMRS items each, {Baud} Bd 8N1, {TurnaroundMs} ms meter turnaround";
            rows.Add(new BenchRow("metering", $"sweep time, {meters} meters", sweep / 1000.0, "s", conditions));
            rows.Add(new BenchRow("metering", $"wire-time floor, {meters} meters", floor / 1000.0, "s", conditions + "; characters + 3.5-char gaps only"));
            rows.Add(new BenchRow("metering", $"sweep / floor, {meters} meters", sweep / floor, "x", $"{reads} transactions"));
        }

        var (perRead, description) = ReadCost();
        rows.Add(new BenchRow("metering", "bytes allocated per meter read", perRead.BytesPerOp, "B", description));
        rows.Add(new BenchRow("metering", "host ns per meter read", perRead.NanosecondsPerOp, "ns", description));
        return new BenchReport("metering", rows);
    }

    /// <summary>One full first sweep (scalers come from the profiles, so every transaction is a value read).</summary>
    private static (double SweepMs, double FloorMs, int Reads) Sweep(int count)
    {
        var bus = new SimulatedModbusBus(Baud, turnaroundMs: TurnaroundMs);
        var reader = new ModbusMeterReader(new ModbusMaster(bus, 200));
        var scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), bus, null), null, bus, new PollPlan(), new DiscardSink());
        for (int unit = 1; unit <= count; unit++)
        {
            var profile = ProfileReader.Load(Profiles[unit % 3]).Profile!;
            ModbusMeterSimulation sim = (unit % 3) switch
            {
                0 => new Sdm120Simulation(unit),
                1 => new Ddsu666Simulation(unit),
                _ => new Dds238Simulation(unit),
            };
            sim.SetState(100 + unit, 0, 230, 500, 50);
            bus.Add(sim);
            reader.AddMeter(unit, profile);
            scheduler.Add(new MeterRecord(reader, unit, profile) { Serial = "m" + unit });
        }

        double start = bus.NowExactMs;
        var sweep = scheduler.RunSweep();
        return (bus.NowExactMs - start, bus.WireFloorMs, sweep.Transactions);
    }

    /// <summary>
    /// One 1.8.0 read through ItemReader → ModbusMeterReader → ModbusMaster over a link that replays a fixed
    /// valid SDM120 answer, so only firmware allocations are counted.
    /// </summary>
    private static (Measure.Result Result, string Description) ReadCost()
    {
        var answer = new byte[] { 1, 4, 4, 0x44, 0xE6, 0x50, 0x00, 0, 0 }; // 1842.5f = 0x44E65000
        Crc16Modbus.Append(answer, 0, 7);
        var link = new ReplaySerialLink(answer);
        var reader = new ModbusMeterReader(new ModbusMaster(link, 200));
        var profile = ProfileReader.Load(BuiltInProfiles.EastronSdm120).Profile!;
        reader.AddMeter(1, profile);
        var clock = new Tick();
        var items = new ItemReader(new QualityAssessor(new PlausibilityLimits()), clock, null);
        var meter = new MeterRecord(reader, 1, profile);
        int index = Array.FindIndex(meter.Items, s => s != null && s.Mapping.Item.Code == "1.8.0");
        var result = Measure.Run(() =>
        {
            link.Rewind();
            clock.NowMs += 60_000;
            items.Read(meter, index);
        }, 200_000);
        return (result, "one VMRS item (SDM120 1.8.0 float32) incl. quality check; the allocation is the Reading handed to the sink");
    }

    private sealed class Tick : IMonotonicClock
    {
        public long NowMs { get; set; }
    }
}
