using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Modbus;
using OpenAmi.Emulator.Tests.Metering;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Tests.Modbus;

/// <summary>
/// Use case I for Modbus meters: register maps from the datasheets cited in BuiltInProfiles; the serial of the
/// SDM120 is its holding register 464513 (0xFC00, unsigned 32-bit, Eastron SDM120 Modbus protocol); DDS238-4 W
/// (manual 9.3) and DDSU666 (ModBus address table) define no serial register, so they get "profile@address".
/// </summary>
public class ModbusRegistrationTests
{
    private static VendorProfile Load(string json) => ProfileReader.Load(json).Profile!;

    private static readonly VendorProfile[] Models = { Load(BuiltInProfiles.EastronSdm120), Load(BuiltInProfiles.ChintDdsu666), Load(BuiltInProfiles.HikingDds238) };

    /// <summary>Every catalogue code the profile's "items" do not name, in catalogue order (independent of MeterRecord).</summary>
    private static string[] ExpectedGaps(params string[] mapped) => VmrsCatalogue.Items.Select(i => i.Code).Where(c => !mapped.Contains(c)).ToArray();

    [Fact]
    public void A_scan_over_configured_models_registers_each_meter_with_its_serial_or_a_flagged_synthetic_one()
    {
        var bus = new SimulatedModbusBus(9600);
        var sdm = new Sdm120Simulation(1, serialNumber: 21_034_567);
        var chint = new Ddsu666Simulation(2);
        var hiking = new Dds238Simulation(4);
        foreach (var sim in new ModbusMeterSimulation[] { sdm, chint, hiking })
        {
            sim.SetState(importKWh: 512.25, exportKWh: 0, voltageV: 229.5, powerW: 640, frequencyHz: 49.98);
            bus.Add(sim);
        }

        var sink = new RecordingSink();
        var timeouts = new TimeoutCounter(bus);
        var reader = new ModbusMeterReader(new ModbusMaster(timeouts, 200));
        var scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), bus, null), null, bus, new PollPlan(), sink);
        var inventory = new MeterInventory();
        var registrar = new MeterRegistrar(reader, inventory, sink, bus, null) { Scheduler = scheduler };

        var found = registrar.ScanModels(1, 5, Models).Cast<RegistrationResult>().ToArray();

        Assert.Equal(new[] { 1, 2, 4 }, found.Select(r => r.Address));
        Assert.All(found, r => Assert.True(r.Registered, r.Problem));
        var events = sink.Events.OfType<RegistrationEvent>().ToArray();
        Assert.Equal(new[] { "21034567", "chint-ddsu666@2", "hiking-dds238@4" }, events.Select(e => e.MeterSerial));
        Assert.Equal(new[] { false, true, true }, events.Select(e => e.SerialSynthetic));
        Assert.Equal(new[] { "eastron-sdm120", "chint-ddsu666", "hiking-dds238" }, events.Select(e => e.ProfileId));
        Assert.All(events, e => Assert.Equal(-1, e.ObjectCount));
        Assert.All(events, e => Assert.False(e.AutoProfiled));
        Assert.Equal(ExpectedGaps("1.8.0", "2.8.0", "1.7.0", "32.7.0", "14.7.0", "0.0.96.1.1.255"), events[0].Gaps);
        Assert.Equal(ExpectedGaps("1.8.0", "2.8.0", "1.7.0", "32.7.0", "14.7.0"), events[2].Gaps);
        Assert.True(inventory.FindByAddress(2)!.SerialSynthetic);
        // Addresses 3 and 5 are empty: one timeout each (the first model's serial read), no more.
        Assert.Equal(2, timeouts.Count);

        var sweep = scheduler.RunSweep();
        Assert.Equal(6 + 5 + 5, sweep.Readings);
        Assert.All(sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        Assert.Equal("21034567", sink.Readings.Single(r => r.Meter.Address == 1 && r.Item.Code == "0.0.96.1.1.255").Text);
        foreach (int unit in new[] { 1, 2, 4 })
        {
            Assert.Equal(512.25, sink.Readings.Single(r => r.Meter.Address == unit && r.Item.Code == "1.8.0").Number, 2);
            Assert.Equal(229.5, sink.Readings.Single(r => r.Meter.Address == unit && r.Item.Code == "32.7.0").Number, 3);
        }
    }

    [Fact]
    public void A_configured_model_that_does_not_match_the_meter_is_refused_not_registered()
    {
        var bus = new SimulatedModbusBus(9600);
        var hiking = new Dds238Simulation(7);
        hiking.SetState(1, 0, 230, 10, 50);
        bus.Add(hiking);
        var sink = new RecordingSink();
        var registrar = new MeterRegistrar(new ModbusMeterReader(new ModbusMaster(bus, 200)), new MeterInventory(), sink, bus, null);

        // The SDM120's serial lives in holding register 0xFC00; the DDS238 answers exception 02 (illegal data address),
        // as an SDM120 of the older edition would, so the SDM120's measurement map (input registers) decides: exception 02 too.
        var asSdm = registrar.Register(7, Models[0]);
        // The DDSU666 map (0x4000 float) is not there either: exception 02 on the presence probe.
        var asChint = registrar.Register(7, Models[1]);
        var nobody = registrar.Register(8, Models[2]);

        Assert.False(asSdm.Registered);
        Assert.Equal(ReadStatus.ObjectUndefined, asSdm.Status);
        Assert.Equal("meter does not answer its register map: object_undefined", asSdm.Problem);
        Assert.False(asChint.Registered);
        Assert.Equal("meter does not answer its register map: object_undefined", asChint.Problem);
        Assert.Equal(ReadStatus.NoResponse, nobody.Status);
        Assert.Empty(sink.Events);
        Assert.True(registrar.Register(7, Models[2]).Registered);
    }

    [Fact]
    public void Modbus_and_dlms_meters_on_one_rs485_port_register_and_poll_together()
    {
        // Registration reads the meter's load profile descriptions (multi-frame answers): a DLMS timeout shorter than a
        // starved simulated meter's answer would let that answer's tail collide with the next request on the shared line.
        using var f = new DlmsFeeder(2000, DlmsFeeder.Plain);
        var sdm = new Sdm120Simulation(1);
        var chint = new Ddsu666Simulation(2);
        var hiking = new Dds238Simulation(3);
        foreach (var sim in new ModbusMeterSimulation[] { sdm, chint, hiking })
        {
            sim.SetState(importKWh: 77.5, exportKWh: 1.25, voltageV: 231.2, powerW: 410, frequencyHz: 50.01);
        }

        using var slaves = new BusModbusSlaves(f.Bus, DlmsFeeder.Baud, sdm, chint, hiking);
        var sink = new RecordingSink();
        var mono = new HostMonotonicClock();
        var scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), mono, null), null, mono, new PollPlan(), sink);
        var inventory = new MeterInventory();
        // The gateway's one port carries both masters: Modbus frames through ModbusRtuLine, HDLC through the DLMS client.
        // The simulated slaves answer on their own thread in real time and every probe here has a slave behind it, so a
        // generous timeout costs nothing when they answer and keeps a busy test machine from turning a late answer into
        // a lost one (300 ms failed under parallel test load).
        var modbus = new ModbusMeterReader(new ModbusMaster(new ModbusRtuLine(f.Port, DlmsFeeder.Baud), 2000));
        var modbusRegistrar = new MeterRegistrar(modbus, inventory, sink, mono, null) { Scheduler = scheduler };
        var dlmsRegistrar = new MeterRegistrar(f.Reader, inventory, sink, mono, null) { Scheduler = scheduler };
        var probe = ProfileReader.Load(@"{ ""id"": ""probe"", ""protocol"": ""dlms"", ""link"": { ""medium"": ""rs485"", ""baud"": 9600 },
            ""dlms"": { ""client"": 16, ""logicalDevice"": 1 }, ""items"": {} }").Profile!;

        var modbusFound = modbusRegistrar.ScanModels(1, 3, Models).Cast<RegistrationResult>().ToArray();
        var dlms = dlmsRegistrar.RegisterUnknown(18, probe);
        var sweep = scheduler.RunSweep();
        f.Reader.Release();

        Assert.All(modbusFound, r => Assert.True(r.Registered, r.Problem));
        Assert.True(dlms.Registered, dlms.Problem);
        Assert.Equal(4, inventory.Count);
        Assert.Equal(new[] { sdm.SerialNumber.ToString(), "chint-ddsu666@2", "hiking-dds238@3", "PL-000018" },
            sink.Events.OfType<RegistrationEvent>().Select(e => e.MeterSerial));
        Assert.True(sweep.CommsLost == 0, string.Join("; ", sink.Readings.Where(r => r.Quality != ReadingQuality.Good).Select(r => $"{r.Meter.Address} {r.Item.Code} {r.Status}")) + $" bad frames at the DLMS meter: {f.Meter(DlmsFeeder.Plain).BadFramesReceived}");
        Assert.All(sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        foreach (int unit in new[] { 1, 2, 3 })
        {
            Assert.Equal(77.5, sink.Readings.Single(r => r.Meter.Address == unit && r.Item.Code == "1.8.0").Number, 2);
            Assert.Equal(410, sink.Readings.Single(r => r.Meter.Address == unit && r.Item.Code == "1.7.0").Number, 1);
        }

        var state = f.Meter(DlmsFeeder.Plain).State;
        Assert.Equal(state.VoltageV, sink.Readings.Single(r => r.Meter.Address == 18 && r.Item.Code == "32.7.0").Number, 9);
    }

    /// <summary>Counts reads that got nothing (each one is a full response timeout on the wire).</summary>
    private sealed class TimeoutCounter(IByteLink inner) : IByteLink
    {
        public int Count { get; private set; }

        public void DiscardInput() => inner.DiscardInput();

        public void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public void Configure(int baudRate, LineFormat format) => inner.Configure(baudRate, format);

        public void Delay(int milliseconds) => inner.Delay(milliseconds);

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = inner.Read(buffer, offset, count, timeoutMs);
            if (n == 0)
            {
                Count++;
            }

            return n;
        }
    }
}
