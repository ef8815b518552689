using System.Collections;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Registration
{
    /// <summary>
    /// Registration of the meters a configuration names on one bus. They are polled from boot under their configuration
    /// id; registration reads each one's serial through <see cref="MeterRegistrar"/> (the meter_registered event goes out
    /// under the configuration id, so topics stay stable, and carries the serial the meter reported), one meter per
    /// call, and tries a silent meter again a retry interval later. A silent Modbus meter may be fresh from the
    /// factory: its model's factory settings are probed once and reported.
    /// </summary>
    public sealed class ConfiguredRegistration
    {
        /// <summary>What <see cref="RegisterNext"/> returns once every meter is registered.</summary>
        public const long AllRegistered = long.MaxValue;

        private readonly PollScheduler _poller;
        private readonly IMeteringSink _downstream;
        private readonly RegistrationNaming _naming;
        private readonly IMonotonicClock _clock;
        private readonly GatewayClock _gatewayClock;
        private readonly long _retryMs;
        private readonly ArrayList _configured = new ArrayList();
        private readonly ArrayList _pending = new ArrayList();
        private readonly Hashtable _registrars = new Hashtable();

        public ConfiguredRegistration(PollScheduler poller, IMeteringSink downstream, IMonotonicClock clock, GatewayClock gatewayClock, long retryMs)
        {
            _poller = poller;
            _downstream = downstream;
            _naming = new RegistrationNaming(downstream);
            _clock = clock;
            _gatewayClock = gatewayClock;
            _retryMs = retryMs;
        }

        /// <summary>Probes for Modbus meters still at their factory settings, with the line they would be found on; null without Modbus meters.</summary>
        public FactoryScan Factory { get; set; }

        public ILineSpeed Line { get; set; }

        /// <summary>A configured meter to register; its record is already being polled.</summary>
        public void Add(string meterId, MeterRecord record, IMeterBus reader)
        {
            var pending = new PendingRegistration(meterId, record, RegistrarOf(reader));
            _configured.Add(pending);
            _pending.Add(pending);
        }

        /// <summary>
        /// Registers every configured meter again from <paramref name="now"/> (an installer's bus scan: a swapped meter
        /// shows its new serial, a silent one is tried at once). True when registration had finished, so whoever runs
        /// <see cref="RegisterNext"/> must start calling it again.
        /// </summary>
        public bool Rescan(long now)
        {
            bool finished = _pending.Count == 0;
            for (int i = 0; i < _configured.Count; i++)
            {
                var pending = (PendingRegistration)_configured[i];
                pending.DueMs = now;
                if (!_pending.Contains(pending))
                {
                    _pending.Add(pending);
                }
            }

            return finished;
        }

        /// <summary>The serial registration read from the meter (or its synthetic stand-in, see <see cref="MeterRecord.SerialSynthetic"/>); null until registered.</summary>
        public string DeviceSerial(string meterId)
        {
            for (int i = 0; i < _configured.Count; i++)
            {
                var configured = (PendingRegistration)_configured[i];
                if (configured.MeterId == meterId)
                {
                    return configured.DeviceSerial;
                }
            }

            return null;
        }

        /// <summary>
        /// Registers the next meter that is due (one meter per call: a few transactions). Returns when to call again,
        /// or <see cref="AllRegistered"/>.
        /// </summary>
        public long RegisterNext(long now)
        {
            long next = AllRegistered;
            bool attempted = false;
            for (int i = 0; i < _pending.Count; i++)
            {
                var pending = (PendingRegistration)_pending[i];
                if (!attempted && pending.DueMs <= now)
                {
                    attempted = true;
                    if (Register(pending))
                    {
                        _pending.RemoveAt(i--);
                        continue;
                    }

                    pending.DueMs = _clock.NowMs + _retryMs;
                }

                if (pending.DueMs < next)
                {
                    next = pending.DueMs;
                }
            }

            return next;
        }

        /// <summary>One registrar per reader: its inventory spans every meter of the reader.</summary>
        private MeterRegistrar RegistrarOf(IMeterBus reader)
        {
            var registrar = (MeterRegistrar)_registrars[reader];
            if (registrar == null)
            {
                registrar = new MeterRegistrar(reader, new MeterInventory(), _naming, _clock, _gatewayClock);
                _registrars[reader] = registrar;
            }

            return registrar;
        }

        private bool Register(PendingRegistration pending)
        {
            MeterRecord record = pending.Record;
            _naming.Name = pending.MeterId;
            var result = pending.Registrar.Register(record.Address, record.Profile);
            _naming.Name = null;
            if (!result.Registered)
            {
                LookForFactorySettings(pending);
                return false;
            }

            if (result.Meter.Profile != record.Profile)
            {
                // Registration chose one of the model's register layouts: before, only the items every layout shares were read.
                _poller.AdoptLayout(record, result.Meter.Profile);
            }

            record.SerialSynthetic = result.Meter.SerialSynthetic;
            record.Firmware = result.Meter.Firmware;
            pending.DeviceSerial = result.Meter.Serial;
            return true;
        }

        /// <summary>
        /// Probes a silent Modbus meter's factory settings (one probe, inside this registration attempt, so on a shared
        /// UART only while the bus holds the route) and says so once. Registration keeps retrying at the bus's speed
        /// until someone commissions the meter.
        /// </summary>
        private void LookForFactorySettings(PendingRegistration pending)
        {
            MeterRecord record = pending.Record;
            if (Factory == null || pending.FactoryReported || record.Profile.Protocol != MeterProtocol.Modbus)
            {
                return;
            }

            int busBaud = Line.Baud;
            ArrayList found = Factory.Run(new[] { record.Profile });
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

        private sealed class PendingRegistration
        {
            public PendingRegistration(string meterId, MeterRecord record, MeterRegistrar registrar)
            {
                MeterId = meterId;
                Record = record;
                Registrar = registrar;
            }

            public string MeterId { get; }

            public MeterRecord Record { get; }

            public MeterRegistrar Registrar { get; }

            public long DueMs { get; set; }

            /// <summary>The meter was found at its factory settings and the diagnostic published (once per meter).</summary>
            public bool FactoryReported { get; set; }

            /// <summary>The serial the last registration read (kept with the meter rather than in a table of its own); null until then.</summary>
            public string DeviceSerial { get; set; }
        }

        /// <summary>Between the registrar and the sink: names the meter being registered by its configuration id.</summary>
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
