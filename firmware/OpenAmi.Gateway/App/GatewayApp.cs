using OpenAmi.Gateway.Commands;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Watchdog;
using OpenAmi.Gateway.Wiring;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// The gateway's composition root, the same on the ESP32 and in the feeder emulator: from a validated
    /// configuration and the platform's ports it builds every library's part and puts their work on one
    /// <see cref="Scheduler"/>. The device runs that scheduler in a <see cref="SchedulerLoop"/> under the software
    /// watchdog; the emulator steps it in simulated time.
    /// </summary>
    public sealed class GatewayApp
    {
        /// <summary>An idle loop still checks in with the watchdog this often.</summary>
        private const long LoopIdleCapMs = 1000;

        private readonly GatewayPorts _ports;

        public GatewayApp(GatewayConfig config, GatewayPorts ports)
        {
            ports.Check();
            _ports = ports;
            Config = config;
            if (ports.CompositionProbe != null)
            {
                ports.CompositionProbe.Composing();
            }

            Scheduler = new Scheduler(ports.Clock, SchedulerOptions.Default);
            Composed("scheduler");
            Northbound = new NorthboundWiring(config, ports);
            Composed("northbound");
            Faults = new GatewayFaultReporter(Scheduler, ports.Clock, ports.WallClock, Northbound.Topics, Northbound.Uplink);
            Composed("faults");
            var energyFeed = new LineEnergyFeed(Northbound.Bridge);
            Metering = new MeteringWiring(config, ports, energyFeed, Northbound.Bridge, Northbound.Outbox);
            Composed("metering");
            Safety = new SafetyWiring(config, ports, Northbound, Scheduler);
            Composed("safety");
            Commands = new CommandWiring(Northbound, ports, Safety.Supply, Scheduler);
            Composed("commands");
            Prepaid = new PrepaidWiring(config, ports, Metering, Northbound, Safety, Scheduler, energyFeed);
            Composed("prepaid");
            GatewayCommands.Register(this, ports);
            Composed("gateway commands");

            long now = ports.Clock.NowMs;
            IScheduledUnit[] scheduled = { Northbound, Prepaid, Metering };
            for (int i = 0; i < scheduled.Length; i++)
            {
                scheduled[i].Schedule(Scheduler, now);
            }
            Composed("schedule");
        }

        public GatewayConfig Config { get; }

        public Scheduler Scheduler { get; }

        public NorthboundWiring Northbound { get; }

        /// <summary>Counts the faults the scheduler contained and reports them as gateway_fault events.</summary>
        public GatewayFaultReporter Faults { get; }

        public MeteringWiring Metering { get; }

        public CommandWiring Commands { get; }

        /// <summary>Keypad and remote tokens: STS meters over DLMS, OpenPAYGO lines through <see cref="Supply"/>.</summary>
        public PrepaidWiring Prepaid { get; }

        /// <summary>The tenant lines' supervisor; the device runs <see cref="OpenAmi.Safety.Supervision.SafetyService.Run"/> on its own high-priority thread.</summary>
        public SafetyWiring Safety { get; }

        /// <summary>The one road to a tenant line for remote reconnects and prepaid credit (Safety decides every closing).</summary>
        public SupplyRouting Supply => Safety.Supply;

        /// <summary>The device's application loop: supervised by <paramref name="lease"/>, waiting through the platform's waiter.</summary>
        public SchedulerLoop CreateLoop(WatchdogLease lease)
        {
            if (_ports.Waiter == null)
            {
                throw new GatewayCompositionException("port Waiter is not supplied by the platform (needed to run the loop on a thread)");
            }

            return new SchedulerLoop(Scheduler, _ports.Clock, _ports.Waiter, lease, LoopIdleCapMs);
        }

        private void Composed(string component)
        {
            if (_ports.CompositionProbe != null)
            {
                _ports.CompositionProbe.Composed(component);
            }
        }

        /// <summary>Publishes what is gathered and says goodbye on the status topic (before a planned reboot).</summary>
        public void Stop()
        {
            Northbound.Bridge.Flush();
            Northbound.Uplink.Stop();
        }
    }
}
