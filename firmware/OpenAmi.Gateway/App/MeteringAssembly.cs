using System.Collections;
using OpenAmi.Dlms.Link;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Theft;
using OpenAmi.Metering.Vmrs;
using GatewayClockPort = OpenAmi.Gateway.Ports.IMonotonicClock;
using MeteringRole = OpenAmi.Metering.Registration.MeterRole;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// The southbound half: per configured bus one poller (one transaction at a time on its link; DLMS and
    /// Modbus meters share an RS-485 line), all feeding one theft monitor — the energy balance spans the whole
    /// feeder — whose output goes on to the northbound bridge.
    /// </summary>
    public sealed class MeteringAssembly
    {
        /// <summary>Modbus answers start within 200 ms on the meters we profile (DDS238 is the slowest, ≈ 60 ms).</summary>
        private const int ModbusResponseTimeoutMs = 200;

        /// <summary>Site default when the configuration gives no breaker rating: the common 63 A service cut-out.</summary>
        private const double DefaultBreakerA = 63;

        private readonly ArrayList _buses = new ArrayList();
        private readonly MonotonicForMetering _clock;

        public MeteringAssembly(GatewayConfig config, GatewayPorts ports, IMeteringSink downstream)
        {
            _clock = new MonotonicForMetering(ports.Clock);
            Profiles = BuiltInProfiles.LoadAll();
            Theft = new TheftMonitor(downstream, new TheftOptions { LossAllowancePercent = config.LossAllowancePercent });
            Plan = new PollPlan();
            Plan.SetInterval(PollClass.Billing, config.Intervals.BillingS * 1000L);
            Plan.SetInterval(PollClass.Instantaneous, config.Intervals.InstantaneousS * 1000L);
            Plan.SetInterval(PollClass.Static, config.Intervals.StaticS * 1000L);

            for (int b = 0; b < config.Buses.Length; b++)
            {
                _buses.Add(BuildBus(config, config.Buses[b], ports));
            }
        }

        /// <summary>Vendor profiles by id (the built-ins; the configuration names one per meter).</summary>
        public Hashtable Profiles { get; }

        public PollPlan Plan { get; }

        public TheftMonitor Theft { get; }

        public int BusCount => _buses.Count;

        public PollScheduler Poller(int bus) => ((MeterBus)_buses[bus]).Poller;

        /// <summary>The meter record of a configured meter id, or null.</summary>
        public MeterRecord Meter(string meterId)
        {
            for (int b = 0; b < _buses.Count; b++)
            {
                var bus = (MeterBus)_buses[b];
                object record = bus.ById[meterId];
                if (record != null)
                {
                    return (MeterRecord)record;
                }
            }

            return null;
        }

        /// <summary>Polling on the polling lane (one task per bus, so one slow bus never starves another) and the energy balance.</summary>
        public void Schedule(Scheduler scheduler, TelemetryBridge bridge, GatewayClockPort clock, long energyBalanceWindowMs)
        {
            for (int b = 0; b < _buses.Count; b++)
            {
                var bus = (MeterBus)_buses[b];
                PollingTask.Add(scheduler, "poll " + bus.Id, bus.Poller, bridge, clock);
            }

            long first = clock.NowMs + energyBalanceWindowMs;
            scheduler.AddPeriodic("energy balance", Lane.Housekeeping, first, energyBalanceWindowMs, now => Balances += Theft.CloseWindow(now, energyBalanceWindowMs).Evaluated ? 1 : 0);
        }

        /// <summary>Energy-balance windows evaluated so far (a window needs readings at both ends).</summary>
        public int Balances { get; private set; }

        private MeterBus BuildBus(GatewayConfig config, BusConfig busConfig, GatewayPorts ports)
        {
            IByteLink link = ports.Bus(busConfig.Id);
            if (link == null)
            {
                throw new GatewayCompositionException("bus '" + busConfig.Id + "' is configured but the platform gives it no link");
            }

            var items = new ItemReader(new QualityAssessor(new PlausibilityLimits()), _clock, null);
            var bus = new MeterBus(busConfig.Id, new PollScheduler(items, null, _clock, Plan, Theft));
            ModbusMeterReader modbus = null;
            DlmsMeterReader dlms = null;
            for (int i = 0; i < config.Meters.Length; i++)
            {
                MeterConfig meter = config.Meters[i];
                if (meter.Bus != busConfig.Id)
                {
                    continue;
                }

                var profile = (VendorProfile)Profiles[meter.Profile];
                if (profile == null)
                {
                    throw new GatewayCompositionException("meter '" + meter.Id + "': no vendor profile '" + meter.Profile + "'");
                }

                IMeterBus reader;
                if (meter.Protocol == Config.MeterProtocol.Modbus)
                {
                    if (modbus == null)
                    {
                        modbus = new ModbusMeterReader(new ModbusMaster(new ByteLinkSerial(link, busConfig.Baud), ModbusResponseTimeoutMs));
                    }

                    reader = modbus;
                }
                else
                {
                    if (dlms == null)
                    {
                        dlms = new DlmsMeterReader(link, new DlmsReaderOptions(), ports.DlmsSecrets, ports.Aes, ports.Random);
                    }

                    reader = dlms;
                }

                reader.Declare(meter.Address, profile);
                var record = new MeterRecord(reader, meter.Address, profile)
                {
                    Serial = meter.Id,
                    BreakerA = meter.BreakerA > 0 ? meter.BreakerA : DefaultBreakerA,
                    Role = meter.Role == Config.MeterRole.FeederHead ? MeteringRole.FeederHead : MeteringRole.Customer,
                };
                bus.Poller.Add(record);
                bus.ById[meter.Id] = record;
            }

            return bus;
        }

        private sealed class MeterBus
        {
            public MeterBus(string id, PollScheduler poller)
            {
                Id = id;
                Poller = poller;
            }

            public string Id { get; }

            public PollScheduler Poller { get; }

            public Hashtable ById { get; } = new Hashtable();
        }
    }
}
