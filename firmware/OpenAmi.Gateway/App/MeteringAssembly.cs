using System.Collections;
using OpenAmi.Dlms.Link;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.ClockSync;
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
    /// Modbus meters share an RS-485 line; an optical head signs on in IEC 62056-21 mode E before HDLC), all
    /// feeding one theft monitor — the energy balance spans the whole feeder — whose output goes on to the
    /// northbound bridge. Meters are polled from boot under their configuration id; registration reads each
    /// one's serial (meter_registered, published under the configuration id). Clock readings are checked
    /// against the gateway's UTC and meter clocks set when they drift beyond the configured limit.
    /// </summary>
    public sealed class MeteringAssembly
    {
        /// <summary>Modbus answers start within 200 ms on the meters we profile (DDS238 is the slowest, ≈ 60 ms).</summary>
        private const int ModbusResponseTimeoutMs = 200;

        /// <summary>Site default when the configuration gives no breaker rating: the common 63 A service cut-out.</summary>
        private const double DefaultBreakerA = 63;

        /// <summary>Two time sources further apart than this make the gateway's time untrustworthy for setting meters.</summary>
        private const long TimeSourceDisagreementMs = 2000;

        private const long UnsyncedTimeRefreshMs = 60000;

        private readonly ArrayList _buses = new ArrayList();
        private Scheduler _scheduler;
        private readonly Hashtable _deviceSerials = new Hashtable();
        private readonly MonotonicForMetering _clock;
        private readonly IMeteringSink _downstream;
        private readonly long _registrationRetryMs;
        private readonly long _clockCheckMs;

        public MeteringAssembly(GatewayConfig config, GatewayPorts ports, IMeteringSink downstream)
        {
            _clock = new MonotonicForMetering(ports.Clock);
            _downstream = downstream;
            Profiles = ConfiguredProfiles(config, ports);

            Theft = new TheftMonitor(downstream, new TheftOptions { LossAllowancePercent = config.LossAllowancePercent });
            Plan = new PollPlan();
            Plan.SetInterval(PollClass.Billing, config.Intervals.BillingS * 1000L);
            Plan.SetInterval(PollClass.Instantaneous, config.Intervals.InstantaneousS * 1000L);
            Plan.SetInterval(PollClass.Static, config.Intervals.StaticS * 1000L);
            Plan.SetInterval(PollClass.Sync, config.Intervals.ClockCheckS * 1000L);
            _registrationRetryMs = config.Intervals.InstantaneousS * 1000L;
            _clockCheckMs = config.Intervals.ClockCheckS * 1000L;

            // A crystal free-running for two clock-check periods (12 h by default) drifts < 1 s at 20 ppm: still
            // good enough to set meters to the default 2 s limit. Older than that, the gateway stops setting them.
            Clock = new GatewayClock(_clock, TimeSources(ports), 2 * _clockCheckMs, TimeSourceDisagreementMs);
            Clock.Refresh();
            ClockSync = new ClockSynchroniser(Clock, _clock, config.ClockDriftLimitS * 1000L);

            for (int b = 0; b < config.Buses.Length; b++)
            {
                _buses.Add(BuildBus(config, config.Buses[b], ports));
            }
        }

        /// <summary>The vendor profiles the configuration names, by id: the platform's, else the built-in one.</summary>
        public Hashtable Profiles { get; }

        public PollPlan Plan { get; }

        public TheftMonitor Theft { get; }

        /// <summary>The gateway's UTC as Metering sees it (the wall clock, carried by the monotonic clock between refreshes).</summary>
        public GatewayClock Clock { get; }

        public ClockSynchroniser ClockSync { get; }

        public int BusCount => _buses.Count;

        public PollScheduler Poller(int bus) => ((MeterBus)_buses[bus]).Poller;

        /// <summary>Energy-balance windows evaluated so far (a window needs readings at both ends).</summary>
        public int Balances { get; private set; }

        /// <summary>The meter record of a configured meter id, or null. Its <see cref="MeterRecord.Serial"/> is the configuration id (topics use it).</summary>
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

        /// <summary>
        /// The read-now command: queues, ahead of scheduled work on the meter's own bus, a read of <paramref name="only"/>
        /// or (null) of every VMRS item its profile maps. Returns how many reads were queued (0 for an unknown meter or
        /// an item it does not map).
        /// </summary>
        public int RequestNow(string meterId, VmrsItem only)
        {
            for (int b = 0; b < _buses.Count; b++)
            {
                var bus = (MeterBus)_buses[b];
                var record = (MeterRecord)bus.ById[meterId];
                if (record == null)
                {
                    continue;
                }

                int queued = 0;
                for (int i = 0; i < VmrsCatalogue.Items.Length; i++)
                {
                    VmrsItem item = VmrsCatalogue.Items[i];
                    queued += (only == null || only == item) && bus.Poller.RequestNow(record, item) ? 1 : 0;
                }

                if (queued > 0 && bus.PollTask != null)
                {
                    // The bus's polling task sleeps until its next scheduled read: wake it for these.
                    _scheduler.Reschedule(bus.PollTask, _clock.NowMs);
                }

                return queued;
            }

            return 0;
        }

        /// <summary>The serial registration read from the meter (or its synthetic stand-in, see <see cref="MeterRecord.SerialSynthetic"/>); null until registered.</summary>
        public string DeviceSerial(string meterId) => (string)_deviceSerials[meterId];

        /// <summary>
        /// On the polling lane, per bus: registration, then polling (one task each per bus, so one slow bus never
        /// starves another; tasks of one bus never overlap on its line). On housekeeping: the energy balance and
        /// the refresh of the gateway's time.
        /// </summary>
        public void Schedule(Scheduler scheduler, TelemetryBridge bridge, GatewayClockPort clock, long energyBalanceWindowMs)
        {
            _scheduler = scheduler;
            for (int b = 0; b < _buses.Count; b++)
            {
                var bus = (MeterBus)_buses[b];
                TaskStep register = now => RegisterNext(bus, now);
                TaskStep poll = now => PollingTask.Step(bus.Poller, bridge, clock);
                if (bus.Uart != null)
                {
                    UartShare uart = bus.Uart;
                    TaskStep registerAlone = register;
                    TaskStep pollAlone = poll;
                    register = now => uart.Run(registerAlone, now);
                    poll = now => uart.Run(pollAlone, now);
                }

                scheduler.Add("register " + bus.Id, Lane.Polling, clock.NowMs, register);
                bus.PollTask = scheduler.Add("poll " + bus.Id, Lane.Polling, clock.NowMs, poll);
            }

            long first = clock.NowMs + energyBalanceWindowMs;
            scheduler.AddPeriodic("energy balance", Lane.Housekeeping, first, energyBalanceWindowMs, now => Balances += Theft.CloseWindow(now, energyBalanceWindowMs).Evaluated ? 1 : 0);
            scheduler.Add("time sources", Lane.Housekeeping, clock.NowMs + NextTimeRefreshMs(), now =>
            {
                Clock.Refresh();
                return now + NextTimeRefreshMs();
            });
        }

        /// <summary>The wall clock (SNTP on the device) first, then the platform's other sources in the order it added them.</summary>
        private static ITimeSource[] TimeSources(GatewayPorts ports)
        {
            var sources = new ITimeSource[1 + ports.TimeSources.Count];
            sources[0] = new WallClockTimeSource(ports.WallClock);
            ports.TimeSources.CopyTo(sources, 1);
            return sources;
        }

        /// <summary>Every clock-check period once the gateway knows the time; every minute until then (SNTP or the modem not there yet at boot).</summary>
        private long NextTimeRefreshMs() => Clock.Health == TimeHealth.Unsynced ? UnsyncedTimeRefreshMs : _clockCheckMs;

        /// <summary>
        /// Registers the next meter of the bus that is due (one meter per run: a few transactions); a meter that
        /// does not answer is tried again a polling interval later. Done when every meter is registered.
        /// </summary>
        private long RegisterNext(MeterBus bus, long now)
        {
            long next = long.MaxValue;
            bool attempted = false;
            for (int i = 0; i < bus.Pending.Count; i++)
            {
                var pending = (PendingRegistration)bus.Pending[i];
                if (!attempted && pending.DueMs <= now)
                {
                    attempted = true;
                    if (Register(bus, pending))
                    {
                        bus.Pending.RemoveAt(i--);
                        continue;
                    }

                    pending.DueMs = _clock.NowMs + _registrationRetryMs;
                }

                if (pending.DueMs < next)
                {
                    next = pending.DueMs;
                }
            }

            return next == long.MaxValue ? ScheduledTask.Done : next;
        }

        /// <summary>Reads the meter's serial through Metering's registrar; the configured record keeps polling under its id.</summary>
        private bool Register(MeterBus bus, PendingRegistration pending)
        {
            MeterRecord record = pending.Record;
            pending.Naming.Name = pending.MeterId;
            var result = pending.Registrar.Register(record.Address, record.Profile);
            pending.Naming.Name = null;
            if (!result.Registered)
            {
                LookForFactorySettings(bus, pending);
                return false;
            }

            if (result.Meter.Profile != record.Profile)
            {
                // Registration chose one of the model's register layouts: before, only the items every layout shares were read.
                bus.Poller.AdoptLayout(record, result.Meter.Profile);
            }

            record.SerialSynthetic = result.Meter.SerialSynthetic;
            record.Firmware = result.Meter.Firmware;
            _deviceSerials[pending.MeterId] = result.Meter.Serial;
            return true;
        }

        /// <summary>
        /// A Modbus meter silent at the bus's speed may be fresh from the factory: probes its model's factory
        /// settings (one probe, inside this registration attempt, so on a shared UART only while the bus holds the
        /// route) and says so once. Registration keeps retrying at the bus's speed until someone commissions it.
        /// </summary>
        private void LookForFactorySettings(MeterBus bus, PendingRegistration pending)
        {
            MeterRecord record = pending.Record;
            if (bus.Factory == null || pending.FactoryReported || record.Profile.Protocol != Metering.Profiles.MeterProtocol.Modbus)
            {
                return;
            }

            int busBaud = bus.Line.Baud;
            ArrayList found = bus.Factory.Run(new[] { record.Profile });
            if (found.Count == 0)
            {
                return;
            }

            pending.FactoryReported = true;
            _downstream.OnEvent(new FactorySettingsEvent
            {
                MeterAddress = record.Address,
                MeterSerial = pending.MeterId,
                MeterName = pending.MeterId,
                MonotonicMs = _clock.NowMs,
                Finding = (FactoryFinding)found[0],
                BusBaud = busBaud,
            });
        }

        private static Hashtable ConfiguredProfiles(GatewayConfig config, GatewayPorts ports)
        {
            var byId = new Hashtable();
            for (int i = 0; i < config.Meters.Length; i++)
            {
                string id = config.Meters[i].Profile;
                if (byId[id] == null)
                {
                    object profile = ports.Profiles[id] ?? BuiltInProfiles.Load(id);
                    if (profile != null)
                    {
                        byId[id] = profile;
                    }
                }
            }

            return byId;
        }

        private MeterBus BuildBus(GatewayConfig config, BusConfig busConfig, GatewayPorts ports)
        {
            IByteLink link = ports.Bus(busConfig.Id);
            if (link == null)
            {
                throw new GatewayCompositionException("bus '" + busConfig.Id + "' is configured but the platform gives it no link");
            }

            var items = new ItemReader(new QualityAssessor(new PlausibilityLimits()), _clock, Clock);
            var bus = new MeterBus(busConfig.Id, new PollScheduler(items, ClockSync, _clock, Plan, Theft));
            bus.Uart = ports.SharedUart(busConfig.Id);
            var naming = new RegistrationNaming(_downstream);
            ModbusMeterReader modbus = null;
            DlmsMeterReader dlms = null;
            var diagnostics = new DlmsDiagnostics(_downstream, _clock);
            MeterRegistrar modbusRegistrar = null;
            MeterRegistrar dlmsRegistrar = null;
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
                MeterRegistrar registrar;
                if (meter.Protocol == Config.MeterProtocol.Modbus)
                {
                    if (modbus == null)
                    {
                        var serial = new ByteLinkSerial(link, busConfig.Baud);
                        modbus = new ModbusMeterReader(new ModbusMaster(serial, ModbusResponseTimeoutMs));
                        // The scan declares the factory address with the model's points: a reader of its own keeps
                        // a configured meter at that address untouched.
                        bus.Line = serial;
                        bus.Factory = new FactoryScan(new ModbusMeterReader(new ModbusMaster(serial, ModbusResponseTimeoutMs)), serial);
                        modbusRegistrar = new MeterRegistrar(modbus, new MeterInventory(), naming, _clock, Clock);
                    }

                    reader = modbus;
                    registrar = modbusRegistrar;
                }
                else
                {
                    if (dlms == null)
                    {
                        var options = new DlmsReaderOptions
                        {
                            SystemTitle = ports.DlmsSystemTitle,
                            OpticalHead = busConfig.Kind == BusKind.Optical,
                            Wrapper = busConfig.Kind == BusKind.DlmsWrapper,
                            InvocationCounters = ports.DlmsInvocationCounters == null ? null : ports.DlmsInvocationCounters.ForBus(busConfig.Id),
                        };
                        dlms = new DlmsMeterReader(link, options, ports.DlmsSecrets, ports.Aes, ports.Random);
                        dlms.Warning += diagnostics.OnWarning;
                        dlmsRegistrar = new MeterRegistrar(dlms, new MeterInventory(), naming, _clock, Clock);
                    }

                    reader = dlms;
                    registrar = dlmsRegistrar;
                    diagnostics.Name(meter.Address, meter.Id);
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
                bus.Pending.Add(new PendingRegistration(meter.Id, record, registrar, naming));
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

            /// <summary>The time-shared UART route the bus's transactions hold; null for a UART of its own.</summary>
            public UartShare Uart { get; set; }

            /// <summary>Probes for Modbus meters still at their factory settings; null on a bus without Modbus meters.</summary>
            public FactoryScan Factory { get; set; }

            public ILineSpeed Line { get; set; }

            /// <summary>The bus's task on the polling lane (null until scheduled).</summary>
            public ScheduledTask PollTask { get; set; }

            public Hashtable ById { get; } = new Hashtable();

            /// <summary>Meters whose serial is not read yet.</summary>
            public ArrayList Pending { get; } = new ArrayList();
        }

        private sealed class PendingRegistration
        {
            public PendingRegistration(string meterId, MeterRecord record, MeterRegistrar registrar, RegistrationNaming naming)
            {
                MeterId = meterId;
                Record = record;
                Registrar = registrar;
                Naming = naming;
            }

            public string MeterId { get; }

            public MeterRecord Record { get; }

            public MeterRegistrar Registrar { get; }

            public RegistrationNaming Naming { get; }

            public long DueMs { get; set; }

            /// <summary>The meter was found at its factory settings and the diagnostic published (once per meter).</summary>
            public bool FactoryReported { get; set; }
        }

        /// <summary>
        /// Between the registrar and the bridge: the meter_registered event of the meter being registered goes out
        /// under its configuration id (topics stay stable) and carries the serial the meter reported.
        /// </summary>
        private sealed class RegistrationNaming : IMeteringSink
        {
            private readonly IMeteringSink _downstream;

            public RegistrationNaming(IMeteringSink downstream)
            {
                _downstream = downstream;
            }

            public string Name { get; set; }

            public void OnReading(Reading reading) => _downstream.OnReading(reading);

            public void OnEvent(MeteringEvent meteringEvent)
            {
                var registration = meteringEvent as RegistrationEvent;
                if (registration != null)
                {
                    registration.MeterName = Name;
                }

                _downstream.OnEvent(meteringEvent);
            }
        }
    }
}
