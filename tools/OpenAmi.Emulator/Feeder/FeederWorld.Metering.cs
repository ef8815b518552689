using OpenAmi.Emulator.Modbus;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Emulator.Feeder;

/// <summary>The feeder's meters: the physics of energy (loads, a bypass) and meters that go silent.</summary>
public sealed partial class FeederWorld
{
    private const double MainsV = 230;
    private const double MainsHz = 50;

    /// <summary>Lines, transformer and meters' own use between the head meter and the customers (5 %).</summary>
    private const double TechnicalLoss = 0.05;

    private readonly List<SimMeter> _meters = new();
    private readonly Dictionary<string, FeederBus> _buses = new();
    private long _energyUpdatedMs;

    private void BuildMeters()
    {
        foreach (var bus in _config.Buses)
        {
            var link = new FeederBus(_clock, bus.Baud) { BeforeFrame = UpdateEnergy };
            _buses[bus.Id] = link;
            Ports.AddBus(bus.Id, link);
        }

        for (int i = 0; i < _config.Meters.Length; i++)
        {
            var config = _config.Meters[i];
            if (config.Protocol != MeterProtocol.Modbus)
            {
                throw new NotSupportedException($"$.meters[{i}]: DLMS meters are not composed into the feeder emulator yet (Modbus only in this version)");
            }

            ModbusMeterSimulation simulation = config.Profile switch
            {
                "eastron-sdm120" => new Sdm120Simulation(config.Address),
                "chint-ddsu666" => new Ddsu666Simulation(config.Address),
                "hiking-dds238" => new Dds238Simulation(config.Address),
                _ => throw new NotSupportedException($"$.meters[{i}].profile: no Modbus simulation for '{config.Profile}'"),
            };
            _buses[config.Bus].Add(simulation);

            // Loads are fixed per meter so runs are reproducible: 200 W, 350 W, 500 W … for the customers.
            var meter = new SimMeter(config, simulation) { LoadW = 200 + 150 * i, RegisteredKWh = 1000 + 100 * i };
            simulation.SetState(meter.RegisteredKWh, 0, MainsV, meter.LoadW, MainsHz);
            _meters.Add(meter);
        }
    }

    private void ApplyMetering(ScenarioEvent e)
    {
        switch (e.Type)
        {
            case ScenarioEventType.MeterDown:
                Meter(e.Meter!).Simulation.Silent = true;
                break;
            case ScenarioEventType.MeterUp:
                Meter(e.Meter!).Simulation.Silent = false;
                break;
            case ScenarioEventType.Theft:
                UpdateEnergy();
                Meter(e.Meter!).BypassFraction = e.BypassPercent / 100;
                break;
            default:
                Summary.NotWired(e.TypeName);
                break;
        }
    }

    private void FinishMetering() => Summary.MetersRead = _meters.Count(m => m.Simulation.RequestsSeen > 0);

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
            meter.Simulation.SetState(meter.RegisteredKWh, 0, MainsV, power, MainsHz);
        }
    }

    private SimMeter Meter(string id) => _meters.First(m => m.Config.Id == id);

    private sealed class SimMeter(MeterConfig config, ModbusMeterSimulation simulation)
    {
        public MeterConfig Config { get; } = config;

        public ModbusMeterSimulation Simulation { get; } = simulation;

        public double LoadW { get; init; }

        public double RegisteredKWh { get; set; }

        public double BypassFraction { get; set; }
    }
}
