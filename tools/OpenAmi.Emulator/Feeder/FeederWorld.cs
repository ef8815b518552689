using OpenAmi.Emulator.Modbus;
using OpenAmi.Emulator.Storage;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Theft;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;
using ConfigMeterRole = OpenAmi.Gateway.Config.MeterRole;
using MeteringMeterRole = OpenAmi.Metering.Registration.MeterRole;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// A whole feeder on the desktop: simulated meters with a physical energy model, the gateway's real
/// libraries composed as on the device (Metering polling → theft checks → <see cref="TelemetryBridge"/> →
/// Northbound uplink and outbox), one simulated clock, and the scenario's events applied to the physics.
///
/// Wired so far: Modbus RTU meters on one simulated RS-485 bus (wire timing of SimulatedModbusBus), energy
/// balance, broker outages. Events that need libraries not yet composed here (DLMS meters, Safety lines,
/// Prepaid tokens) are counted as <see cref="EmulationSummary.NotWired"/>, never faked.
/// </summary>
public sealed class FeederWorld : IDisposable, IClock, IGatewayInfo
{
    private const double MainsV = 230;
    private const double MainsHz = 50;

    /// <summary>Lines, transformer and meters' own use between the head meter and the customers (5 %).</summary>
    private const double TechnicalLoss = 0.05;

    private readonly GatewayConfig _config;
    private readonly SimulatedClock _clock;
    private readonly SimulatedModbusBus _bus = new(9600);
    private readonly List<SimMeter> _meters = new();
    private readonly string _outboxDirectory;
    private readonly OpenAmi.Northbound.Outbox.Outbox _outbox;
    private readonly Uplink _uplink;
    private readonly TelemetryBridge _bridge;
    private readonly PollScheduler _poller;
    private readonly TheftMonitor _theft;
    private readonly CountingSink _counts;
    private long _energyUpdatedMs;

    public FeederWorld(GatewayConfig config, SimulatedClock clock, IFeederBroker link)
    {
        _config = config;
        _clock = clock;
        Link = link;
        Scheduler = new Scheduler(clock, SchedulerOptions.Default);
        var profiles = BuiltInProfiles.LoadAll();
        var reader = new ModbusMeterReader(new ModbusMaster(_bus, 200));
        var topics = new Topics(config.FeederId, config.GatewayId);

        _outboxDirectory = Path.Combine(Path.GetTempPath(), "openami-emulate-" + Guid.NewGuid().ToString("N"));
        _outbox = new OpenAmi.Northbound.Outbox.Outbox(new HostFileStore(_outboxDirectory), 4 * 1024 * 1024, 64 * 1024);
        var options = new MqttConnectOptions { ClientId = config.Northbound.ClientId ?? config.GatewayId, KeepAliveSeconds = config.Northbound.KeepAliveS };
        _uplink = new Uplink(link, options, topics, _outbox, 8, new ReconnectBackoff(1000, 60_000, 1), this, this);
        _bridge = new TelemetryBridge(topics, _uplink, this, 16);
        _counts = new CountingSink(_bridge);
        _theft = new TheftMonitor(_counts, new TheftOptions { LossAllowancePercent = config.LossAllowancePercent });

        var items = new ItemReader(new QualityAssessor(new PlausibilityLimits()), _bus, null);
        var plan = new PollPlan();
        plan.SetInterval(PollClass.Billing, config.Intervals.BillingS * 1000L);
        plan.SetInterval(PollClass.Instantaneous, config.Intervals.InstantaneousS * 1000L);
        plan.SetInterval(PollClass.Static, config.Intervals.StaticS * 1000L);
        _poller = new PollScheduler(items, null, _bus, plan, _theft);

        for (int i = 0; i < config.Meters.Length; i++)
        {
            _meters.Add(AddMeter(config.Meters[i], i, profiles, reader));
        }

        Scheduler.Add("poll rs485", Lane.Polling, 0, PollStep);
        Scheduler.AddPeriodic("uplink", Lane.Housekeeping, 0, 1000, now => _uplink.Tick(now));
        long window = config.Intervals.EnergyBalanceS * 1000L;
        Scheduler.AddPeriodic("energy balance", Lane.Housekeeping, window, window, now => Summary.Balances += _theft.CloseWindow(now, window).Evaluated ? 1 : 0);
    }

    public Scheduler Scheduler { get; }

    public IFeederBroker Link { get; }

    public EmulationSummary Summary { get; } = new();

    // IClock and IGatewayInfo: the gateway's view of itself in simulated time.
    public DateTime UtcNow => _clock.UtcNow;

    public bool IsSynchronized => true;

    public string FirmwareVersion => "0.1.0-emulated";

    public long UptimeSeconds => _clock.NowMs / 1000;

    public int SignalDbm => -67;

    /// <summary>Applies one scenario event to the simulated feeder.</summary>
    public void Apply(ScenarioEvent e)
    {
        Summary.ScenarioEvent(e.TypeName);
        switch (e.Type)
        {
            case ScenarioEventType.MeterDown:
                Meter(e.Meter!).Simulation.Silent = true;
                break;
            case ScenarioEventType.MeterUp:
                Meter(e.Meter!).Simulation.Silent = false;
                break;
            case ScenarioEventType.BrokerDown:
                Link.GoDown();
                break;
            case ScenarioEventType.BrokerUp:
                Link.ComeBack();
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

    /// <summary>Ends the run: a last uplink pass, counts gathered.</summary>
    public void Finish()
    {
        _bridge.Flush();

        // A real broker acknowledges in real time, after the simulation has raced ahead: let the outbox drain.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            _uplink.Tick(_clock.NowMs);
            if (_outbox.Depth == 0)
            {
                break;
            }

            Thread.Sleep(20);
        }
        while (DateTime.UtcNow < deadline);

        Summary.OutboxLeft = _outbox.Depth;
        Summary.MetersRead = _meters.Count(m => m.Simulation.RequestsSeen > 0);
        Summary.Readings = _counts.Readings;
        Summary.EnvelopesPublished = Link.PublishedByKind.GetValueOrDefault("telemetry");
        Summary.MessagesPublished = Link.Published;
        Summary.EnvelopesBuilt = _bridge.EnvelopesPublished;
        foreach (var pair in _counts.Events)
        {
            Summary.GatewayEvent(pair.Key, pair.Value);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_outboxDirectory))
        {
            Directory.Delete(_outboxDirectory, recursive: true);
        }
    }

    private long PollStep(long now)
    {
        UpdateEnergy();
        double behind = _clock.NowMs - _bus.NowExactMs;
        if (behind > 0)
        {
            _bus.AdvanceMs(behind);
        }

        // The bus keeps its own wire-time clock; the world follows it through each transaction.
        long next = PollingTask.Step(_poller, _bridge, new BusTime(_bus, _clock));
        return next;
    }

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
            if (meter.Config.Role == ConfigMeterRole.FeederHead)
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

    private SimMeter AddMeter(MeterConfig config, int index, System.Collections.Hashtable profiles, ModbusMeterReader reader)
    {
        if (config.Protocol != OpenAmi.Gateway.Config.MeterProtocol.Modbus)
        {
            throw new NotSupportedException($"$.meters[{index}]: DLMS meters are not composed into the feeder emulator yet (Modbus only in this version)");
        }

        ModbusMeterSimulation simulation = config.Profile switch
        {
            "eastron-sdm120" => new Sdm120Simulation(config.Address),
            "chint-ddsu666" => new Ddsu666Simulation(config.Address),
            "hiking-dds238" => new Dds238Simulation(config.Address),
            _ => throw new NotSupportedException($"$.meters[{index}].profile: no Modbus simulation for '{config.Profile}'"),
        };
        var profile = (VendorProfile)profiles[config.Profile]!;
        _bus.Add(simulation);
        reader.AddMeter(config.Address, profile);
        var record = new MeterRecord(reader, config.Address, profile)
        {
            Serial = config.Id,
            BreakerA = config.BreakerA > 0 ? config.BreakerA : 63,
            Role = config.Role == ConfigMeterRole.FeederHead ? MeteringMeterRole.FeederHead : MeteringMeterRole.Customer,
        };
        _poller.Add(record);

        // Loads are fixed per meter so runs are reproducible: 200 W, 350 W, 500 W … for the customers.
        var meter = new SimMeter(config, simulation) { LoadW = 200 + 150 * index, RegisteredKWh = 1000 + 100 * index };
        simulation.SetState(meter.RegisteredKWh, 0, MainsV, meter.LoadW, MainsHz);
        return meter;
    }

    /// <summary>Moves the world clock along with the bus while a transaction runs.</summary>
    private sealed class BusTime(SimulatedModbusBus bus, SimulatedClock world) : OpenAmi.Gateway.Ports.IMonotonicClock
    {
        public long NowMs
        {
            get
            {
                long spent = bus.NowMs - world.NowMs;
                if (spent > 0)
                {
                    world.Advance(spent);
                }

                return world.NowMs;
            }
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
