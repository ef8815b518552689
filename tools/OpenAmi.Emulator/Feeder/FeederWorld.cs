using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Storage;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// A whole feeder on the desktop: the gateway's own composition root (<see cref="GatewayApp"/>, exactly as on
/// the device) over simulated ports — meters on a simulated RS-485 line with a physical energy model, one
/// simulated clock, host file stores, a broker link a scenario can cut — and the scenario's events applied to
/// the physics. Each area's events live in its own part of this class (FeederWorld.*.cs). Events whose
/// library is not composed yet are counted as <see cref="EmulationSummary.NotWired"/>, never faked.
/// </summary>
public sealed partial class FeederWorld : IDisposable, IWallClock, IGatewayInfo
{
    private readonly GatewayConfig _config;
    private readonly SimulatedClock _clock;
    private readonly string _stateDirectory;
    private readonly HostAesBlockCipher _aes = new();
    private BootLink _bootLink;
    private long _envelopesBefore;
    private long _readingsBefore;
    private long _intervalsBefore;
    // While the pole has no power: a scheduler with nothing on it stands in for the gateway's (the meters run on).
    private Scheduler? _unpowered;

    /// <param name="probe">Told after each part of every boot's composition (heap figures); null for none.</param>
    public FeederWorld(GatewayConfig config, SimulatedClock clock, IFeederBroker link, ICompositionProbe? probe = null)
    {
        _config = config;
        _clock = clock;
        Link = link;
        _stateDirectory = Path.Combine(Path.GetTempPath(), "openami-emulate-" + Guid.NewGuid().ToString("N"));
        Ports = new GatewayPorts
        {
            Clock = clock,
            WallClock = this,
            Info = this,
            OutboxStore = new HostFileStore(Path.Combine(_stateDirectory, "outbox")),
            StateStore = new HostFileStore(Path.Combine(_stateDirectory, "state")),
            Mqtt = _bootLink = new BootLink(link),
            CommandKey = new HostCommandKey(config.Northbound.CommandKey),
            Aes = _aes,
            Random = new HostRandomSource(),
            Waiter = clock,
            CompositionProbe = probe,
        };
        BuildMeters();
        BuildTenantLines();
        BuildKeypad();
        App = Boot(config);
        StartSafetyThread();
        HeadEnd = SimulatedHeadEnd.For(config, () => _clock.UtcNow, link, () => App.Commands.Taken);
    }

    public GatewayPorts Ports { get; }

    /// <summary>The running boot of the gateway (a <c>gateway_reboot</c> replaces it).</summary>
    public GatewayApp App { get; private set; }

    /// <summary>Raised with each new boot of the gateway after the first (a <c>gateway_reboot</c>), before it runs.</summary>
    public event Action<GatewayApp>? Rebooted;

    public Scheduler Scheduler => _unpowered ?? App.Scheduler;

    public IFeederBroker Link { get; }

    /// <summary>The integrator's side: signed commands to the gateway, its acks counted.</summary>
    public SimulatedHeadEnd HeadEnd { get; }

    public EmulationSummary Summary { get; } = new();

    // IWallClock and IGatewayInfo: the gateway's view of itself in simulated time.
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
            case ScenarioEventType.BrokerDown:
                Link.GoDown();
                break;
            case ScenarioEventType.BrokerUp:
                Link.ComeBack();
                break;
            case ScenarioEventType.MeterDown:
            case ScenarioEventType.MeterUp:
            case ScenarioEventType.Theft:
            case ScenarioEventType.ClockDrift:
            case ScenarioEventType.HostileValue:
                ApplyMetering(e);
                break;
            case ScenarioEventType.Leakage:
            case ScenarioEventType.LeakageClear:
            case ScenarioEventType.RemoteReconnect:
                ApplySafety(e);
                break;
            case ScenarioEventType.KeypadToken:
            case ScenarioEventType.RemoteToken:
                ApplyPrepaid(e);
                break;
            case ScenarioEventType.GatewayReboot:
                EndBoot();
                StartBoot();
                break;
            case ScenarioEventType.GatewayPowerOff when _unpowered == null:
                PowerCut();
                break;
            case ScenarioEventType.GatewayPowerOn when _unpowered != null:
                _unpowered = null;
                TimeOutMeterLinks();
                StartBoot();
                break;
            case ScenarioEventType.GatewayPowerOff:
            case ScenarioEventType.GatewayPowerOn:
                break;
            default:
                Summary.NotWired(e.TypeName);
                break;
        }
    }

    /// <summary>
    /// The gateway stops (a restart, or the pole's supply cut): everything in RAM is gone, what is on its flash
    /// (outbox, gap ledger, replay table, prepaid and safety records, interval marks) stays for the next boot.
    /// </summary>
    private void EndBoot()
    {
        _envelopesBefore += App.Northbound.Bridge.EnvelopesPublished + App.Northbound.Bridge.Intervals.EnvelopesPublished;
        _intervalsBefore += App.Northbound.Bridge.Intervals.EnvelopesPublished;
        _readingsBefore += App.Northbound.Bridge.ReadingsPublished;
        _bootLink.PowerOff();
    }

    /// <summary>
    /// The pole's supply is cut: the gateway stops as in a reboot, but its TCP connection dies without DISCONNECT (the
    /// broker publishes its last will), and nothing of it runs until the power comes back. The meters run on: they
    /// have their own supply and clocks, and keep capturing their profiles.
    /// </summary>
    private void PowerCut()
    {
        if (Link.IsConnected)
        {
            // Dropped uncleanly and at once reachable again: the broker is fine, the gateway is gone.
            Link.GoDown();
            Link.ComeBack();
        }

        EndBoot();
        _unpowered = new Scheduler(_clock, SchedulerOptions.Default);
    }

    /// <summary>A new <see cref="GatewayApp"/> boots from the flash on the same feeder.</summary>
    private void StartBoot()
    {
        Ports.Mqtt = _bootLink = new BootLink(Link);
        Ports.DlmsInvocationCounters = new InvocationCounterTable(Ports.StateStore);
        App = Boot(_config);
        Rebooted?.Invoke(App);
        StartSafetyThread();
    }

    private GatewayApp Boot(GatewayConfig config)
    {
        var app = new GatewayApp(config, Ports);
        if (_clock.Speed > 0)
        {
            // A paced run sleeps between steps: a command arriving over the broker must end that sleep, as on the device.
            app.Scheduler.WorkAdded += _clock.Wake;
        }

        return app;
    }

    /// <summary>Ends the run: a last uplink pass, counts gathered.</summary>
    public void Finish()
    {
        var northbound = App.Northbound;
        northbound.Bridge.Flush();

        // A real broker acknowledges in real time, after the simulation has raced ahead: let the outbox drain.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            northbound.Uplink.Tick(_clock.NowMs);
            if (northbound.Outbox.Depth == 0 && northbound.Outbox.Gaps.Count == 0)
            {
                break;
            }

            Thread.Sleep(20);
        }
        while (DateTime.UtcNow < deadline);

        Summary.OutboxLeft = northbound.Outbox.Depth;
        Summary.Balances = App.Metering.Balances;
        Summary.Readings = _readingsBefore + northbound.Bridge.ReadingsPublished;
        Summary.IntervalEnvelopesBuilt = _intervalsBefore + northbound.Bridge.Intervals.EnvelopesPublished;
        Summary.EnvelopesBuilt = _envelopesBefore + northbound.Bridge.EnvelopesPublished + northbound.Bridge.Intervals.EnvelopesPublished;
        Summary.EnvelopesPublished = Link.PublishedByKind.GetValueOrDefault("telemetry");
        Summary.MessagesPublished = Link.Published;
        foreach (var pair in Link.PublishedEventTypes)
        {
            Summary.GatewayEvent(pair.Key, pair.Value);
        }

        if (northbound.Outbox.Depth == 0)
        {
            // Every ack has left the gateway; over a real broker they may still be on their way to the head-end.
            HeadEnd.WaitForFinalAcks(TimeSpan.FromSeconds(5));
        }

        Summary.CommandsSent = HeadEnd.Sent;
        Summary.CommandAcks = HeadEnd.AcksByStatus;
        FinishMetering();
    }

    public void Dispose()
    {
        HeadEnd.Dispose();
        _aes.Dispose();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
