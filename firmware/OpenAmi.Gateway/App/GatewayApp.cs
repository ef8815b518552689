using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Watchdog;

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
            Scheduler = new Scheduler(ports.Clock, SchedulerOptions.Default);
            Northbound = new NorthboundAssembly(config, ports);
            Metering = new MeteringAssembly(config, ports, Northbound.Bridge);
            Commands = new CommandAssembly(Northbound, ports, new NoSwitchedLines(), Scheduler);

            long now = ports.Clock.NowMs;
            Northbound.Schedule(Scheduler, now);
            Metering.Schedule(Scheduler, Northbound.Bridge, ports.Clock, config.Intervals.EnergyBalanceS * 1000L);
        }

        public GatewayConfig Config { get; }

        public Scheduler Scheduler { get; }

        public NorthboundAssembly Northbound { get; }

        public MeteringAssembly Metering { get; }

        public CommandAssembly Commands { get; }

        /// <summary>The device's application loop: supervised by <paramref name="lease"/>, waiting through the platform's waiter.</summary>
        public SchedulerLoop CreateLoop(WatchdogLease lease)
        {
            if (_ports.Waiter == null)
            {
                throw new GatewayCompositionException("port Waiter is not supplied by the platform (needed to run the loop on a thread)");
            }

            return new SchedulerLoop(Scheduler, _ports.Clock, _ports.Waiter, lease, LoopIdleCapMs);
        }

        /// <summary>Publishes what is gathered and says goodbye on the status topic (before a planned reboot).</summary>
        public void Stop()
        {
            Northbound.Bridge.Flush();
            Northbound.Uplink.Stop();
        }

        /// <summary>Until Safety is composed, no line is board-switched: every reconnect is refused.</summary>
        private sealed class NoSwitchedLines : OpenAmi.Northbound.Ports.ISupplyPolicy
        {
            public OpenAmi.Northbound.Ports.SupplyAnswer RequestReconnect(string meterSerial, out string reason)
            {
                reason = "no_switched_line";
                return OpenAmi.Northbound.Ports.SupplyAnswer.Refused;
            }
        }
    }
}
