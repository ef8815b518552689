using System;
using System.Collections;
using OpenAmi.Dlms.Client;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Intervals;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Theft;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;
using OpenAmi.Storage.Ports;
using NorthboundOutbox = OpenAmi.Northbound.Outbox.Outbox;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// The southbound half: per configured bus one poller (one transaction at a time on its link; DLMS and
    /// Modbus meters share an RS-485 line; an optical head signs on in IEC 62056-21 mode E before HDLC), all
    /// feeding one theft monitor — the energy balance spans the whole feeder — whose output goes on to the
    /// northbound bridge. Meters are polled from boot under their configuration id; registration reads each
    /// one's serial (meter_registered, published under the configuration id). Clock readings are checked
    /// against the gateway's UTC and meter clocks set when they drift beyond the configured limit. DLMS meters with a
    /// load profile are backfilled (the intervals never published, as telemetry envelopes with their own capture
    /// times) after a start and when their comms come back, one slice at a time on the housekeeping lane; for the
    /// others (Modbus) the instantaneous-poll intervals left without a good reading are reported as data_gap.
    /// </summary>
    public sealed class MeteringWiring : IScheduledUnit
    {
        /// <summary>Modbus answers start within 200 ms on the meters we profile (DDS238 is the slowest, ≈ 60 ms).</summary>
        private const int ModbusResponseTimeoutMs = 200;

        /// <summary>Site default when the configuration gives no breaker rating: the common 63 A service cut-out.</summary>
        private const double DefaultBreakerA = 63;

        /// <summary>Two time sources further apart than this make the gateway's time untrustworthy for setting meters.</summary>
        private const long TimeSourceDisagreementMs = 2000;

        private const long UnsyncedTimeRefreshMs = 60000;

        /// <summary>
        /// Outbox room a backfill slice waits for: its intervals (16 by default) at the interval writer's 1 KiB bound
        /// plus topic and record framing each, so a slice never evicts what is already queued.
        /// </summary>
        private const int BackfillSliceRoomBytes = 16 * 1200;

        /// <summary>After a capture boundary, the wait before the backfill reads it: the boundary's sweep goes first.</summary>
        private const long BackfillSettleMs = 60000;

        /// <summary>How soon a backfill waiting for outbox room looks again (the uplink drains it in seconds once connected).</summary>
        private const long BackfillRoomRetryMs = 30000;

        private readonly ArrayList _buses = new ArrayList();
        private Scheduler _scheduler;
        private readonly IMonotonicClock _clock;
        private readonly IMeteringSink _downstream;
        private readonly long _registrationRetryMs;
        private readonly long _clockCheckMs;
        private readonly long _energyBalanceWindowMs;
        private readonly TelemetryBridge _bridge;
        private readonly IMonotonicClock _gatewayClock;
        private readonly BackfillQueue[] _backfills;
        private readonly IntervalGapTracker _gaps;
        private readonly NorthboundOutbox _outbox;
        private readonly IFileStore _stateStore;
        private readonly int _backfillHorizonS;
        private readonly MeterConfig[] _meters;
        /// <summary>The DLMS buffer set of each UART named in the configuration, by port.</summary>
        private readonly Hashtable _pduBuffers = new Hashtable();

        /// <param name="downstream">Where readings and events go (the bridge, through the OpenPAYGO lines' energy feed).</param>
        /// <param name="bridge">Publishes what it gathered when a bus's sweep ends; may be null when nothing is scheduled.</param>
        /// <param name="outbox">Where the bridge's envelopes wait: backfill waits for room in it; null when nothing is scheduled.</param>
        public MeteringWiring(GatewayConfig config, GatewayPorts ports, IMeteringSink downstream, TelemetryBridge bridge, NorthboundOutbox outbox)
        {
            _bridge = bridge;
            _outbox = outbox;
            _stateStore = ports.StateStore;
            _backfillHorizonS = config.Intervals.BackfillHorizonS;
            _meters = config.Meters;
            _gatewayClock = ports.Clock;
            _energyBalanceWindowMs = config.Intervals.EnergyBalanceS * 1000L;
            _clock = ports.Clock;
            _downstream = downstream;
            Profiles = ConfiguredProfiles(config, ports);

            _backfills = new BackfillQueue[config.Buses.Length];
            _gaps = new IntervalGapTracker(downstream, config.Intervals.InstantaneousS);
            Theft = new TheftMonitor(new BackfillOnCommsRestored(_gaps, _backfills), new TheftOptions { LossAllowancePercent = config.LossAllowancePercent });
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

        /// <summary>
        /// The read-profile command: every row of the meter's profile of <paramref name="kind"/> captured from
        /// <paramref name="fromUtc"/> to <paramref name="toUtc"/>, oldest first, to <paramref name="sink"/>, on the meter's
        /// bus (holding its UART route when it shares one). <paramref name="delivered"/> counts the rows handed on, also
        /// when the meter fails part-way. Returns null when every slice was read, else the command's refusal:
        /// "not_supported: …" (no DLMS meter, or no such profile mapped), "bus_busy" (another thread holds the shared
        /// UART), "meter_failed: &lt;status&gt;".
        /// </summary>
        public string ReadProfile(MeterRecord record, CaptureProfileKind kind, DateTime fromUtc, DateTime toUtc, IIntervalSink sink, out int delivered)
        {
            delivered = 0;
            MeterBus bus = BusOf(record);
            if (bus == null || bus.Dlms == null || record.Reader != bus.Dlms || record.Profile.FindProfile(kind) == null)
            {
                return "not_supported: the meter's vendor profile maps no " + (kind == CaptureProfileKind.Load ? "load" : "billing") + " profile";
            }

            // Made at the first request: most gateways never receive one, and composition has an allocation budget.
            ProfileRangeReader ranges = bus.Ranges ?? (bus.Ranges = new ProfileRangeReader(bus.Dlms, new ProfileColumnMaps(bus.Dlms, bus.Dlms), new BackfillOptions().SliceIntervals));

            bool ran = false;
            ReadStatus status = ReadStatus.Ok;
            TaskStep read = now =>
            {
                ran = true;
                status = ranges.Read(record.Serial, record.Address, record.Profile, kind, fromUtc, toUtc, sink);
                return now;
            };
            OnBusLine(bus, read)(_clock.NowMs);
            if (!ran)
            {
                return "bus_busy";
            }

            delivered = ranges.Delivered;
            return status == ReadStatus.Ok ? null : "meter_failed: " + ReadStatusNames.Name(status);
        }

        private MeterBus BusOf(MeterRecord record)
        {
            for (int b = 0; b < _buses.Count; b++)
            {
                var bus = (MeterBus)_buses[b];
                if (bus.ById[record.Serial] == record)
                {
                    return bus;
                }
            }

            return null;
        }

        /// <summary>
        /// The installer's bus scan: every configured meter of bus <paramref name="busId"/> registers again (registration
        /// events as at start). False for an unknown bus. Call it on the scheduler's thread.
        /// </summary>
        public bool Rescan(string busId, long nowMs)
        {
            for (int b = 0; b < _buses.Count; b++)
            {
                var bus = (MeterBus)_buses[b];
                if (bus.Id != busId)
                {
                    continue;
                }

                if (bus.Registration.Rescan(nowMs) && bus.RegisterStep != null)
                {
                    _scheduler.Add("register " + bus.Id, Lane.Polling, nowMs, bus.RegisterStep);
                }

                return true;
            }

            return false;
        }

        /// <summary>The serial registration read from the meter (or its synthetic stand-in, see <see cref="MeterRecord.SerialSynthetic"/>); null until registered.</summary>
        public string DeviceSerial(string meterId)
        {
            for (int b = 0; b < _buses.Count; b++)
            {
                string serial = ((MeterBus)_buses[b]).Registration.DeviceSerial(meterId);
                if (serial != null)
                {
                    return serial;
                }
            }

            return null;
        }

        /// <summary>
        /// On the polling lane, per bus: registration, then polling (one task each per bus, so one slow bus never
        /// starves another; tasks of one bus never overlap on its line). On housekeeping: the energy balance and
        /// the refresh of the gateway's time.
        /// </summary>
        public void Schedule(Scheduler scheduler, long nowMs)
        {
            _scheduler = scheduler;
            TelemetryBridge bridge = _bridge;
            IMonotonicClock clock = _gatewayClock;
            long energyBalanceWindowMs = _energyBalanceWindowMs;
            for (int b = 0; b < _buses.Count; b++)
            {
                var bus = (MeterBus)_buses[b];
                TaskStep register = OnBusLine(bus, now => Registered(bus.Registration.RegisterNext(now)));
                TaskStep poll = OnBusLine(bus, now => PollingTask.Step(bus.Poller, bridge, clock));
                bus.RegisterStep = register;
                scheduler.Add("register " + bus.Id, Lane.Polling, nowMs, register);
                bus.PollTask = scheduler.Add("poll " + bus.Id, Lane.Polling, nowMs, poll);
                if (bus.FollowsLoadProfiles)
                {
                    scheduler.Add("backfill " + bus.Id, Lane.Housekeeping, nowMs, OnBusLine(bus, now => BackfillStep(bus, now)));
                }
            }

            long first = nowMs + energyBalanceWindowMs;
            scheduler.AddPeriodic("energy balance", Lane.Housekeeping, first, energyBalanceWindowMs, now => Balances += Theft.CloseWindow(now, energyBalanceWindowMs).Evaluated ? 1 : 0);
            scheduler.Add("time sources", Lane.Housekeeping, nowMs + NextTimeRefreshMs(), now =>
            {
                Clock.Refresh();
                return now + NextTimeRefreshMs();
            });
        }

        /// <summary>
        /// One slice while a meter is due, the gateway knows the time (the horizon and the newest slot are reckoned
        /// from it) and the outbox has room for the slice (backfill never evicts live data queued before it). When none
        /// is due, every meter is made due again a minute after the next instantaneous-poll boundary: each interval
        /// follows into the outbox within about a minute of its capture, not only after an outage. The queue, its
        /// reader and the marks' record are made at the first step: composition has an allocation budget and backfill
        /// has nothing to do before.
        /// </summary>
        private long BackfillStep(MeterBus bus, long nowMs)
        {
            BackfillQueue queue = bus.Backfill ?? OpenBackfill(bus);
            DateTime utc;
            if (!Clock.TryGetUtcAt(_clock.NowMs, out utc))
            {
                return nowMs + _registrationRetryMs;
            }

            if (!queue.HasWork)
            {
                // Next just after the coming boundary of the poll grid: the interval the meters capture there follows
                // within a minute, not up to a period later.
                queue.RequestAll();
                long periodTicks = _registrationRetryMs * TimeSpan.TicksPerMillisecond;
                return nowMs + ((periodTicks - (utc.Ticks % periodTicks)) / TimeSpan.TicksPerMillisecond) + BackfillSettleMs;
            }

            if (_outbox != null && _outbox.FreeBytes < BackfillSliceRoomBytes)
            {
                return nowMs + BackfillRoomRetryMs;
            }

            queue.Step(utc);
            return nowMs;
        }

        /// <summary>
        /// The bus's backfill, every meter due (whatever the meters captured while the gateway was off is owed), sharing
        /// the marks' record with the gap tracker (one owner of the record, whichever needed it first).
        /// </summary>
        private BackfillQueue OpenBackfill(MeterBus bus)
        {
            IntervalHighWater marks = _gaps.Marks ?? (_gaps.Marks = new IntervalHighWater(_stateStore));
            var queue = new BackfillQueue(new ProfileBackfill(bus.Dlms, bus.Dlms, marks, _bridge.Intervals, new BackfillOptions { HorizonSeconds = _backfillHorizonS }));
            // In configuration order, so meters take their turns as the installer listed them.
            for (int i = 0; i < _meters.Length; i++)
            {
                var record = (MeterRecord)bus.ById[_meters[i].Id];
                if (record != null && record.Reader == bus.Dlms)
                {
                    queue.Add(record.Serial, record.Address, record.Profile);
                }
            }

            queue.RequestAll();
            bus.Backfill = queue;
            _backfills[_buses.IndexOf(bus)] = queue;
            return queue;
        }

        /// <summary>The wall clock (SNTP on the device) first, then the platform's other sources in the order it added them.</summary>
        private static ITimeSource[] TimeSources(GatewayPorts ports)
        {
            var sources = new ITimeSource[1 + ports.TimeSources.Count];
            sources[0] = new WallClockTimeSource(ports.WallClock);
            ports.TimeSources.CopyTo(sources, 1);
            return sources;
        }

        /// <summary><paramref name="step"/> holding the bus's time-shared UART route while it runs (as is for a UART of its own).</summary>
        private static TaskStep OnBusLine(MeterBus bus, TaskStep step)
        {
            UartShare uart = bus.Uart;
            return uart == null ? step : now => uart.Run(step, now);
        }

        private static long Registered(long next) => next == ConfiguredRegistration.AllRegistered ? ScheduledTask.Done : next;

        /// <summary>Every clock-check period once the gateway knows the time; every minute until then (SNTP or the modem not there yet at boot).</summary>
        private long NextTimeRefreshMs() => Clock.Health == TimeHealth.Unsynced ? UnsyncedTimeRefreshMs : _clockCheckMs;

        /// <summary>
        /// The named built-in profiles are read through one UTF-8 buffer and one JSON index table, each sized for the
        /// largest of them: a profile's text and index are dropped once it is read, so a copy per profile would only
        /// add to what composition allocates.
        /// </summary>
        private static Hashtable ConfiguredProfiles(GatewayConfig config, GatewayPorts ports)
        {
            int longest = 0;
            for (int i = 0; i < config.Meters.Length; i++)
            {
                string id = config.Meters[i].Profile;
                int length = ports.Profiles[id] == null ? BuiltInProfiles.TextLength(id) : 0;
                longest = length > longest ? length : longest;
            }

            var text = new byte[longest];
            int largest = 0;
            for (int i = 0; i < config.Meters.Length; i++)
            {
                string id = config.Meters[i].Profile;
                int length = ports.Profiles[id] == null && FirstNaming(config, i) ? BuiltInProfiles.TableLength(id, text) : 0;
                largest = length > largest ? length : largest;
            }

            var table = new int[largest];
            var byId = new Hashtable();
            for (int i = 0; i < config.Meters.Length; i++)
            {
                string id = config.Meters[i].Profile;
                if (byId[id] == null)
                {
                    object profile = ports.Profiles[id] ?? BuiltInProfiles.Load(id, text, table);
                    if (profile != null)
                    {
                        byId[id] = profile;
                    }
                }
            }

            return byId;
        }

        /// <summary>Whether meter <paramref name="meter"/> is the first to name its profile (each profile is counted once).</summary>
        private static bool FirstNaming(GatewayConfig config, int meter)
        {
            for (int i = 0; i < meter; i++)
            {
                if (config.Meters[i].Profile == config.Meters[meter].Profile)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// One DLMS buffer set per UART: the buses on one port (COM2's RS-485 line and optical head) hold it in turn
        /// through their time-share, and every bus's work runs on the scheduler's one thread. Null (the reader's own)
        /// for a bus without a port.
        /// </summary>
        private DlmsPduBuffers PduBuffersFor(BusConfig bus)
        {
            if (bus.Port == null)
            {
                return null;
            }

            var buffers = (DlmsPduBuffers)_pduBuffers[bus.Port];
            if (buffers == null)
            {
                buffers = new DlmsPduBuffers();
                _pduBuffers[bus.Port] = buffers;
            }

            return buffers;
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
            bus.Registration = new ConfiguredRegistration(bus.Poller, _downstream, _clock, Clock, _registrationRetryMs);
            ModbusMeterReader modbus = null;
            DlmsMeterReader dlms = null;
            var diagnostics = new DlmsDiagnostics(_downstream, _clock);
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
                if (meter.Protocol == MeterProtocol.Modbus)
                {
                    if (modbus == null)
                    {
                        var serial = new ModbusRtuLine(link, busConfig.Baud);
                        modbus = new ModbusMeterReader(new ModbusMaster(serial, ModbusResponseTimeoutMs));
                        // The scan declares the factory address with the model's points: a reader of its own keeps
                        // a configured meter at that address untouched.
                        bus.Registration.Line = serial;
                        bus.Registration.Factory = new FactoryScan(new ModbusMeterReader(new ModbusMaster(serial, ModbusResponseTimeoutMs)), serial);
                    }

                    reader = modbus;
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
                            PduBuffers = PduBuffersFor(busConfig),
                        };
                        dlms = new DlmsMeterReader(link, options, ports.DlmsSecrets, ports.Aes, ports.Random);
                        dlms.Warning += diagnostics.OnWarning;
                        bus.Dlms = dlms;
                    }

                    reader = dlms;
                    diagnostics.Name(meter.Address, meter.Id);
                }

                reader.Declare(meter.Address, profile);
                // Backfill needs somewhere to publish and a place for its marks (test compositions may give neither);
                // what it needs is made at its first step (OpenBackfill). Meters without a load profile are tracked
                // interval by interval instead, to report the slots they leave empty.
                if (_bridge != null && ports.StateStore != null && profile.FindProfile(CaptureProfileKind.Load) == null)
                {
                    _gaps.Store = ports.StateStore;
                }
                else if (reader == dlms && _bridge != null && ports.StateStore != null)
                {
                    bus.FollowsLoadProfiles = true;
                }

                var record = new MeterRecord(reader, meter.Address, profile)
                {
                    Serial = meter.Id,
                    BreakerA = meter.BreakerA > 0 ? meter.BreakerA : DefaultBreakerA,
                    Role = meter.Role,
                };
                bus.Poller.Add(record);
                bus.ById[meter.Id] = record;
                bus.Registration.Add(meter.Id, record, reader);
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

            /// <summary>The bus's task on the polling lane (null until scheduled).</summary>
            public ScheduledTask PollTask { get; set; }

            public Hashtable ById { get; } = new Hashtable();

            public ConfiguredRegistration Registration { get; set; }

            /// <summary>The bus's registration step as scheduled (null until scheduled), to schedule again after a rescan.</summary>
            public TaskStep RegisterStep { get; set; }

            /// <summary>The reader of the bus's DLMS meters; null on a bus without any.</summary>
            public DlmsMeterReader Dlms { get; set; }

            /// <summary>On-demand profile reads of the bus's DLMS meters; null until the first read-profile command.</summary>
            public ProfileRangeReader Ranges { get; set; }

            /// <summary>Some DLMS meter of the bus has a load profile and the composition keeps marks: the bus backfills.</summary>
            public bool FollowsLoadProfiles { get; set; }

            /// <summary>The bus's DLMS meters with a load profile; null until its first backfill step.</summary>
            public BackfillQueue Backfill { get; set; }
        }
    }
}
