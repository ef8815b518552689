using OpenAmi.Emulator.Modbus;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Emulator.Tests.Modbus;

/// <summary>The three datasheet register maps, read through the firmware's Modbus master over a simulated 9600 Bd bus.</summary>
public class ModbusFeederTests
{
    private sealed class Sink : IMeteringSink
    {
        public List<Reading> Readings { get; } = new();
        public List<MeteringEvent> Events { get; } = new();
        public void OnReading(Reading reading) => Readings.Add(reading);
        public void OnEvent(MeteringEvent meteringEvent) => Events.Add(meteringEvent);
    }

    private readonly SimulatedModbusBus _bus = new(9600);
    private readonly Sink _sink = new();
    private readonly ModbusMeterReader _reader;
    private readonly PollScheduler _scheduler;

    public ModbusFeederTests()
    {
        _reader = new ModbusMeterReader(new ModbusMaster(_bus, 200));
        var items = new ItemReader(new QualityAssessor(new PlausibilityLimits()), _bus, null);
        _scheduler = new PollScheduler(items, null, _bus, new PollPlan(), _sink);
    }

    private MeterRecord Add(ModbusMeterSimulation sim, string profileJson)
    {
        _bus.Add(sim);
        var model = ProfileReader.Load(profileJson).Profile!;
        // No registration here: the simulations keep the first layout each profile lists (the manuals' own).
        var profile = model.Variants.Length > 0 ? model.WithVariant(model.Variants[0]) : model;
        _reader.AddMeter(sim.Unit, profile);
        var record = new MeterRecord(_reader, sim.Unit, profile) { Serial = profile.Id + "-" + sim.Unit, BreakerA = 40 };
        _scheduler.Add(record);
        return record;
    }

    private double Value(int unit, string code) => _sink.Readings.Single(r => r.Meter.Address == unit && r.Item.Code == code).Number;

    [Fact]
    public void Three_vendors_on_one_bus_read_the_same_physical_state_the_same_way()
    {
        var sdm = new Sdm120Simulation(1);
        var chint = new Ddsu666Simulation(2);
        var hiking = new Dds238Simulation(3);
        foreach (var sim in new ModbusMeterSimulation[] { sdm, chint, hiking })
        {
            sim.SetState(importKWh: 1842.5, exportKWh: 3.25, voltageV: 230.1, powerW: 1375, frequencyHz: 50.02);
        }

        Add(sdm, BuiltInProfiles.EastronSdm120);
        Add(chint, BuiltInProfiles.ChintDdsu666);
        Add(hiking, BuiltInProfiles.HikingDds238);
        _scheduler.RunSweep();

        foreach (int unit in new[] { 1, 2, 3 })
        {
            // float32 carries ~7 significant digits; the DDS238 integers are exact to their resolution.
            Assert.Equal(1842.5, Value(unit, "1.8.0"), 2);
            Assert.Equal(3.25, Value(unit, "2.8.0"), 3);
            Assert.Equal(230.1, Value(unit, "32.7.0"), 3);
            Assert.Equal(1375, Value(unit, "1.7.0"), 1);
            Assert.Equal(50.02, Value(unit, "14.7.0"), 3);
        }

        Assert.All(_sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        // 5 measured items per meter, plus the SDM120's serial (holding register 0xFC00), the only one of the three with one.
        Assert.Equal(5 + 5 + 5 + 1, _sink.Readings.Count);
    }

    [Fact]
    public void Silent_and_noisy_meters_are_flagged_and_do_not_stop_the_others()
    {
        var quiet = new Sdm120Simulation(1) { Silent = true };
        var noisy = new Ddsu666Simulation(2) { CorruptNextResponse = true };
        var fine = new Dds238Simulation(3);
        foreach (var sim in new ModbusMeterSimulation[] { quiet, noisy, fine })
        {
            sim.SetState(10, 0, 231, 100, 50);
        }

        Add(quiet, BuiltInProfiles.EastronSdm120);
        Add(noisy, BuiltInProfiles.ChintDdsu666);
        Add(fine, BuiltInProfiles.HikingDds238);
        var sweep = _scheduler.RunSweep();

        Assert.All(_sink.Readings.Where(r => r.Meter.Address == 1), r => Assert.Equal(ReadingQuality.CommsLost, r.Quality));
        var noisyFirst = _sink.Readings.First(r => r.Meter.Address == 2);
        Assert.Equal(ReadStatus.CorruptResponse, noisyFirst.Status);
        Assert.All(_sink.Readings.Where(r => r.Meter.Address == 3), r => Assert.Equal(ReadingQuality.Good, r.Quality));
        // A garbled answer counts as silence (the frame cannot be trusted), so both bad meters cost one
        // transaction each and are backed off; the good meter still gets all five.
        Assert.Equal(1 + 1 + 5, sweep.Transactions);
    }

    [Fact]
    public void An_unmapped_register_is_an_exception_02_and_a_suspect_reading()
    {
        var sim = new Sdm120Simulation(1);
        sim.SetState(10, 0, 231, 100, 50);
        _bus.Add(sim);
        var master = new ModbusMaster(_bus, 200);
        Assert.Equal(ModbusStatus.Exception, master.ReadRegisters(1, 4, 0x0100, 2));
        Assert.Equal(2, master.LastExceptionCode);
        Assert.Equal(ModbusStatus.Exception, master.ReadRegisters(1, 6, 0, 1));
        Assert.Equal(1, master.LastExceptionCode);
    }

    [Fact]
    public void Bus_time_is_wire_time_plus_turnaround()
    {
        // 9600 Bd 8N1: 10 bits per character → 1.0417 ms. Request 8 bytes, response 5 + 4 bytes, each after 3.5
        // characters of silence, plus 10 ms meter turnaround.
        var sim = new Sdm120Simulation(1);
        sim.SetState(10, 0, 231, 100, 50);
        _bus.Add(sim);
        var master = new ModbusMaster(_bus, 200);
        double start = _bus.NowExactMs;
        Assert.Equal(ModbusStatus.Ok, master.ReadRegisters(1, 4, 0, 2));
        double expectedFloor = (3.5 + 8 + 3.5 + 9) * 10 * 1000.0 / 9600;
        Assert.Equal(expectedFloor, _bus.WireFloorMs, 6);
        Assert.Equal(expectedFloor + 10, _bus.NowExactMs - start, 6);
    }
}
