using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Modbus;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The feeder's meters — DLMS (emulated vendor profiles, on RS-485 or behind an optical head) and Modbus — under
/// one physics of energy (loads, a bypass), meters that go silent, and meter clocks that jump.
/// </summary>
public sealed partial class FeederWorld
{
    private const double MainsV = 230;
    private const double MainsHz = 50;

    /// <summary>Lines, transformer and meters' own use between the head meter and the customers (5 %).</summary>
    private const double TechnicalLoss = 0.05;

    private readonly List<SimMeter> _meters = new();
    private readonly Dictionary<string, FeederBus> _buses = new();
    private readonly HashSet<string> _serialsInUse = new();
    private long _energyUpdatedMs;

    private void BuildMeters()
    {
        foreach (var bus in _config.Buses)
        {
            // An optical head starts every session at the sign-on speed; the gateway sets it.
            var link = new FeederBus(_clock, bus.Kind == BusKind.Optical ? OpenAmi.Dlms.Iec21.Iec21Session.SignOnBaud : bus.Baud) { BeforeFrame = UpdateEnergy };
            _buses[bus.Id] = link;
            Ports.AddBus(bus.Id, link);
        }

        Ports.DlmsSecrets = new EmulatedVendorProfiles.Secrets();
        Ports.DlmsSystemTitle = EmulatedVendorProfiles.GatewaySystemTitle;
        Ports.DlmsInvocationCounters = new InvocationCounterTable(Ports.StateStore);
        foreach (var profile in MeterProfile.All)
        {
            Ports.AddProfile(EmulatedVendorProfiles.Load(profile));
        }

        for (int i = 0; i < _config.Meters.Length; i++)
        {
            var config = _config.Meters[i];
            var bus = _buses[config.Bus];
            IFeederMeter device = config.Protocol == MeterProtocol.Modbus ? ModbusMeter(config, i) : DlmsMeter(config, bus, i);
            bus.Add(device);

            // Loads are fixed per meter so runs are reproducible: 200 W, 350 W, 500 W … for the customers.
            var meter = new SimMeter(config, device) { LoadW = 200 + 150 * i, RegisteredKWh = 1000 + 100 * i };
            device.SetState(meter.RegisteredKWh, 0, MainsV, meter.LoadW, MainsHz);
            _meters.Add(meter);
        }
    }

    private static ModbusFeederMeter ModbusMeter(MeterConfig config, int index) => new(ModbusMeterSimulation.ForProfile(config.Profile, config.Address)
        ?? throw new NotSupportedException($"$.meters[{index}].profile: no Modbus simulation for '{config.Profile}'"));

    /// <summary>
    /// An emulated vendor meter at the configured HDLC address (2-byte addressing up to 127, 4-byte above, as the
    /// gateway addresses it; 1-byte behind an optical head), at the line's speed, with its vendor's serial (a
    /// second meter of the same vendor gets the address appended).
    /// </summary>
    private FeederDlmsMeter DlmsMeter(MeterConfig config, FeederBus bus, int index)
    {
        var vendor = MeterProfile.Emulated.FirstOrDefault(p => p.Name == config.Profile)
            ?? throw new NotSupportedException($"$.meters[{index}].profile: no emulated DLMS meter '{config.Profile}' (known: {string.Join(", ", MeterProfile.Emulated.Select(p => p.Name))})");
        bool optical = _config.Bus(config.Bus).Kind == BusKind.Optical;
        if (optical && vendor.OpticalIdentification.Length == 0)
        {
            throw new NotSupportedException($"$.meters[{index}].bus: the emulated '{vendor.Name}' has no optical port (emulated optical meters: {string.Join(", ", MeterProfile.Emulated.Where(p => p.OpticalIdentification.Length > 0).Select(p => p.Name))})");
        }

        if (!optical && vendor.OpticalOnly)
        {
            throw new NotSupportedException($"$.meters[{index}].bus: the emulated '{vendor.Name}' has only an optical port; put it on a bus of kind optical");
        }

        string serial = _serialsInUse.Add(vendor.Serial) ? vendor.Serial : vendor.Serial + "-" + config.Address;
        _serialsInUse.Add(serial);
        var profile = vendor with
        {
            OpticalOnly = optical,

            // As a real meter: a counter once seen stays refused across associations and gateway reboots.
            KeepsInvocationCounter = true,
            ServerLower = optical ? 0 : config.Address,
            ServerAddressSize = optical ? 1 : config.Address > 0x7F ? 4 : 2,
            DefaultBaud = optical ? vendor.DefaultBaud : _config.Bus(config.Bus).Baud,
            Serial = serial,
        };
        return new FeederDlmsMeter(bus, _clock, profile);
    }

    private void ApplyMetering(ScenarioEvent e)
    {
        switch (e.Type)
        {
            case ScenarioEventType.MeterDown:
                Meter(e.Meter!).Device.Silent = true;
                break;
            case ScenarioEventType.MeterUp:
                Meter(e.Meter!).Device.Silent = false;
                break;
            case ScenarioEventType.Theft:
                UpdateEnergy();
                Meter(e.Meter!).BypassFraction = e.BypassPercent / 100;
                break;
            case ScenarioEventType.ClockDrift when Meter(e.Meter!).Device is FeederDlmsMeter dlms:
                dlms.DriftClock(TimeSpan.FromSeconds(e.DriftS));
                break;
            case ScenarioEventType.HostileValue when ((FeederDlmsMeter)Meter(e.Meter!).Device).AnswerWith(e.Obis!.Value, e.Attribute, e.Axdr!):
                break;
            default:
                // A Modbus meter has no clock the gateway reads: nothing to drift. A hostile value for an object the
                // emulated meter does not have changes nothing.
                Summary.NotWired(e.TypeName);
                break;
        }
    }

    /// <summary>
    /// The gateway was off far longer than any meter's inactivity timeout: whatever link it had open is gone on the
    /// meter's side too (an optical meter listens for a sign-on again), as the next boot expects.
    /// </summary>
    private void TimeOutMeterLinks()
    {
        foreach (var meter in _meters)
        {
            (meter.Device as FeederDlmsMeter)?.Station.TimeOutLink();
        }
    }

    private void FinishMetering() => Summary.MetersRead = _meters.Count(m => m.Device.RequestsSeen > 0);

    /// <summary>The emulated device behind a configured meter id (tests look at what the gateway did to it).</summary>
    public IFeederMeter MeterDevice(string meterId) => Meter(meterId).Device;

    /// <summary>Integrates each meter's load since the last update; a bypassed meter registers only part of it.</summary>
    private void UpdateEnergy()
    {
        long now = _clock.NowMs;
        double hours = (now - _energyUpdatedMs) / 3_600_000.0;
        _energyUpdatedMs = now;
        double customersKWh = 0;
        SimMeter? head = null;
        foreach (var meter in _meters)
        {
            if (meter.Config.Role == MeterRole.FeederHead)
            {
                head = meter;
                continue;
            }

            double used = meter.LoadW / 1000 * hours;
            customersKWh += used;
            meter.RegisteredKWh += used * (1 - meter.BypassFraction);
        }

        if (head != null)
        {
            head.RegisteredKWh += customersKWh * (1 + TechnicalLoss);
        }

        double totalW = _meters.Where(m => m != head).Sum(m => m.LoadW);
        foreach (var meter in _meters)
        {
            double power = meter == head ? totalW * (1 + TechnicalLoss) : meter.LoadW * (1 - meter.BypassFraction);
            meter.Device.SetState(meter.RegisteredKWh, 0, MainsV, power, MainsHz);
        }
    }

    private SimMeter Meter(string id) => _meters.First(m => m.Config.Id == id);

    private sealed class SimMeter(MeterConfig config, IFeederMeter device)
    {
        public MeterConfig Config { get; } = config;

        public IFeederMeter Device { get; } = device;

        public double LoadW { get; init; }

        public double RegisteredKWh { get; set; }

        public double BypassFraction { get; set; }
    }
}
