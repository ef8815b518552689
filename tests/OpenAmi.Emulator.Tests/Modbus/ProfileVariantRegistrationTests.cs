using OpenAmi.Emulator.Modbus;
using OpenAmi.Emulator.Tests.Metering;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Emulator.Tests.Modbus;

/// <summary>
/// Registration tells a model's register layouts apart on emulated meters, end to end over the simulated bus.
/// Layouts: Hiking DDS238-4 W manual 9.3 and the DDS238-2 ZN/S table (export 0008h, import 000Ah, total 0000h,
/// 0.01 kWh) and the "version 1" DDS238 layout (export 0004h, import 0006h); CHINT DDSU666 manual ZTY0.464.922
/// (4000H ImpEp counts reverse as forward on the base meter, 400AH ExpEp not supported there; bidirectional units
/// answer 400AH as export). Eastron SDM120-Modbus protocol V2.4: factory link 2400 Bd 8N1, address 1; serial in FC00h,
/// which the older Eastron-Europe edition lacks. Expected energies are the simulations' physical state.
/// </summary>
public class ProfileVariantRegistrationTests
{
    private readonly SimulatedModbusBus _bus = new(9600);
    private readonly RecordingSink _sink = new();
    private readonly ModbusMeterReader _reader;
    private readonly PollScheduler _scheduler;
    private readonly MeterRegistrar _registrar;

    public ProfileVariantRegistrationTests()
    {
        _reader = new ModbusMeterReader(new ModbusMaster(_bus, 200));
        _scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), _bus, null), null, _bus, new PollPlan(), _sink);
        _registrar = new MeterRegistrar(_reader, new MeterInventory(), _sink, _bus, null) { Scheduler = _scheduler };
    }

    private static VendorProfile Load(string json) => ProfileReader.Load(json).Profile!;

    private static readonly VendorProfile[] Models = { Load(BuiltInProfiles.EastronSdm120), Load(BuiltInProfiles.ChintDdsu666), Load(BuiltInProfiles.HikingDds238) };

    private T Add<T>(T sim, double importKWh, double exportKWh) where T : ModbusMeterSimulation
    {
        sim.SetState(importKWh, exportKWh, voltageV: 230.4, powerW: 850, frequencyHz: 50.01);
        _bus.Add(sim);
        return sim;
    }

    private RegistrationEvent Registered(int unit) => _sink.Events.OfType<RegistrationEvent>().Single(e => e.MeterAddress == unit);

    private Reading[] Readings(int unit, string code) => _sink.Readings.Where(r => r.Meter.Address == unit && r.Item.Code == code).ToArray();

    [Theory]
    [InlineData(Dds238Layout.Import000A, "import-000A")]
    [InlineData(Dds238Layout.Import0006, "import-0006")]
    public void A_dds238_of_either_layout_registers_with_its_layout_and_publishes_its_energy(Dds238Layout layout, string variant)
    {
        Add(new Dds238Simulation(5, layout), importKWh: 1234.56, exportKWh: 7.89);

        var result = _registrar.Register(5, Models[2]);
        _scheduler.RunSweep();

        Assert.True(result.Registered, result.Problem);
        Assert.Equal(variant, Registered(5).Variant);
        Assert.False(Registered(5).ImportIncludesExport);
        Assert.Empty(Registered(5).DisabledChecks);
        Assert.Empty(_sink.Events.OfType<ProfileMismatchEvent>());
        Assert.Equal(1234.56, Assert.Single(Readings(5, "1.8.0")).Number, 2);
        Assert.Equal(7.89, Assert.Single(Readings(5, "2.8.0")).Number, 2);
        Assert.All(_sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
    }

    [Fact]
    public void A_base_and_a_bidirectional_ddsu666_register_with_their_layouts()
    {
        Add(new Ddsu666Simulation(2, bidirectional: false), importKWh: 500.5, exportKWh: 20.25);
        Add(new Ddsu666Simulation(3, bidirectional: true), importKWh: 500.5, exportKWh: 20.25);

        var found = _registrar.ScanModels(2, 3, Models).Cast<RegistrationResult>().ToArray();
        _scheduler.RunSweep();

        Assert.All(found, r => Assert.True(r.Registered, r.Problem));
        Assert.Equal(("base", true), (Registered(2).Variant, Registered(2).ImportIncludesExport));
        Assert.Equal(("bidirectional", false), (Registered(3).Variant, Registered(3).ImportIncludesExport));
        Assert.Contains("2.8.0", Registered(2).Gaps);
        Assert.DoesNotContain("2.8.0", Registered(3).Gaps);
        // The base meter's 4000H is import + export, published as the meter counts it (flagged in meter_registered).
        Assert.Equal(520.75, Assert.Single(Readings(2, "1.8.0")).Number, 2);
        Assert.Empty(Readings(2, "2.8.0"));
        Assert.Equal(500.5, Assert.Single(Readings(3, "1.8.0")).Number, 2);
        Assert.Equal(20.25, Assert.Single(Readings(3, "2.8.0")).Number, 2);
        Assert.All(_sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
    }

    [Fact]
    public void An_import_only_profile_on_a_summing_ddsu666_reports_the_reverse_energy_check_disabled()
    {
        var importOnly = Load(BuiltInProfiles.ChintDdsu666.Replace("\"address\": 1,", "\"address\": 1, \"importOnly\": true,"));
        Add(new Ddsu666Simulation(2, bidirectional: false), importKWh: 10, exportKWh: 1);

        Assert.True(_registrar.Register(2, importOnly).Registered);

        Assert.Equal(new[] { "reverse_energy" }, Registered(2).DisabledChecks);
    }

    [Fact]
    public void A_meter_of_an_unknown_layout_is_registered_with_profile_mismatch_and_no_energy()
    {
        Add(new Dds238Simulation(6, Dds238Layout.Unlisted), importKWh: 300, exportKWh: 0);

        var result = _registrar.Register(6, Models[2]);
        _scheduler.RunSweep();

        Assert.True(result.Registered, result.Problem);
        Assert.Null(Registered(6).Variant);
        var mismatch = Assert.Single(_sink.Events.OfType<ProfileMismatchEvent>());
        Assert.Equal("profile_mismatch", MeteringEvent.Name(mismatch.Kind));
        Assert.Equal(("hiking-dds238", "hiking-dds238@6"), (mismatch.ProfileId, mismatch.MeterSerial));
        Assert.Equal(new[] { "1.8.0", "2.8.0" }, mismatch.Unmapped);
        Assert.Equal(new[]
        {
            "import-000A: import + export = 0 kWh but the total register reads 300 kWh",
            "import-0006: import + export = 0 kWh but the total register reads 300 kWh",
        }, mismatch.Reasons);
        // No silent 0 kWh: energy is not read at all, the shared items are.
        Assert.Empty(Readings(6, "1.8.0"));
        Assert.Equal(230.4, Assert.Single(Readings(6, "32.7.0")).Number, 3);
    }

    [Fact]
    public void A_factory_fresh_sdm120_is_found_by_the_factory_scan_at_2400_Bd()
    {
        Add(new Sdm120Simulation(1, serialNumber: 21_034_567) { Baud = 2400 }, importKWh: 0.5, exportKWh: 0);

        var atBusSpeed = _registrar.ScanModels(1, 2, Models);
        var finding = Assert.Single(new FactoryScan(_reader, _bus).Run(Models).Cast<FactoryFinding>());

        Assert.Empty(atBusSpeed);
        Assert.Equal(("eastron-sdm120", 1, 2400, "21034567"), (finding.ProfileId, finding.Address, finding.Baud, finding.Serial));
        Assert.Equal(9600, _bus.Baud);
    }

    [Fact]
    public void An_sdm120_without_a_serial_register_registers_with_a_synthetic_serial()
    {
        Add(new Sdm120Simulation(4, serialRegister: false), importKWh: 42.5, exportKWh: 0);

        var result = _registrar.Register(4, Models[0]);
        _scheduler.RunSweep();

        Assert.True(result.Registered, result.Problem);
        Assert.Equal(("eastron-sdm120@4", true), (Registered(4).MeterSerial, Registered(4).SerialSynthetic));
        // The register it lacks is a gap, not a daily "suspect" read.
        Assert.Contains("0.0.96.1.1.255", Registered(4).Gaps);
        Assert.Equal(42.5, Assert.Single(Readings(4, "1.8.0")).Number, 3);
        Assert.All(_sink.Readings, r => Assert.Equal(ReadingQuality.Good, r.Quality));
    }
}
