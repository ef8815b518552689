using System;
using System.Collections;
using OpenAmi.Json;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Intervals;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Northward
{
    /// <summary>
    /// Metering → Northbound. Readings of one meter are gathered into one telemetry envelope (published when
    /// the poller moves to another meter, when the sweep ends — <see cref="Flush"/> — or when the envelope is
    /// full); metering events become event envelopes. Everything goes to an <see cref="IEventSink"/> (the
    /// uplink, which persists to the outbox before sending), so nothing is lost across outages.
    /// </summary>
    public sealed class TelemetryBridge : IMeteringSink
    {
        private readonly Topics _topics;
        private readonly IEventSink _sink;
        private readonly IWallClock _clock;
        private readonly EnvelopeRegister[] _registers;
        private readonly JsonWriter _writer = new JsonWriter(1024);

        // Each meter's telemetry topic, built at its first envelope: every poll sweep publishes to the same few topics,
        // and building one is two string concatenations per envelope.
        private readonly Hashtable _telemetryTopics = new Hashtable();
        private MeterRecord _meter;
        private IntervalTelemetry _intervals;
        private int _count;
        private long _utcTicks;

        /// <param name="maxRegisters">Registers per envelope; a full envelope is published at once.</param>
        public TelemetryBridge(Topics topics, IEventSink sink, IWallClock clock, int maxRegisters)
        {
            _topics = topics ?? throw new ArgumentNullException(nameof(topics));
            _sink = sink ?? throw new ArgumentNullException(nameof(sink));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            if (maxRegisters < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxRegisters), "an envelope holds at least one register");
            }

            _registers = new EnvelopeRegister[maxRegisters];
        }

        /// <summary>
        /// Where backfilled load-profile intervals go: envelopes of their own, to the same sink. Made on first use, so a
        /// gateway without load profiles does not carry its writer.
        /// </summary>
        public IntervalTelemetry Intervals => _intervals ?? (_intervals = new IntervalTelemetry(_topics, _sink));

        public long EnvelopesPublished { get; private set; }

        public long EventsPublished { get; private set; }

        /// <summary>Register values put into envelopes.</summary>
        public long ReadingsPublished { get; private set; }

        /// <summary>
        /// Readings with no value at all (a meter silent since boot) have nothing to put in the envelope's
        /// value; they are counted here and the comms_lost event carries the news.
        /// </summary>
        public long ReadingsWithoutValue { get; private set; }

        /// <summary>Also given every reading, before it is gathered (the installer's latest readings); null for none.</summary>
        public IMeteringSink ReadingTap { get; set; }

        public void OnReading(Reading reading)
        {
            IMeteringSink tap = ReadingTap;
            if (tap != null)
            {
                tap.OnReading(reading);
            }

            if (_meter != null && reading.Meter != _meter)
            {
                Flush();
            }

            if (reading.ValueKind == ReadingValueKind.None)
            {
                ReadingsWithoutValue++;
                return;
            }

            _meter = reading.Meter;
            if (_count == 0 || reading.UtcTicks > _utcTicks)
            {
                _utcTicks = reading.UtcTicks;
            }

            Fill(_count, reading);
            _count++;
            ReadingsPublished++;
            if (_count == _registers.Length)
            {
                Flush();
            }
        }

        public void OnEvent(MeteringEvent meteringEvent)
        {
            // Every clock check raises an event; one within tolerance is no news for the head-end.
            var drift = meteringEvent as ClockDriftEvent;
            if (drift != null && drift.Action == ClockAction.None)
            {
                return;
            }

            Flush();
            string serial = meteringEvent.MeterName != null ? meteringEvent.MeterName : meteringEvent.MeterSerial;
            DateTime ts = meteringEvent.UtcTicks > 0 ? new DateTime(meteringEvent.UtcTicks) : _clock.UtcNow;
            _writer.Reset();
            EventEnvelope.Write(_writer, _topics, serial, ts, EventType(meteringEvent.Kind), EventData(meteringEvent));
            _sink.Emit(_topics.EventOf(serial), _writer.Buffer, 0, _writer.Length);
            EventsPublished++;
        }

        /// <summary>Publishes the registers gathered so far (end of a sweep).</summary>
        public void Flush()
        {
            if (_count == 0)
            {
                return;
            }

            // The buffer is emptied before writing: if one meter's envelope cannot be written, that envelope is
            // lost and reported by the scheduler's fault, but it must not block every later meter's.
            int count = _count;
            string serial = SerialOf(_meter);
            _count = 0;
            _meter = null;
            DateTime ts = _utcTicks > 0 ? new DateTime(_utcTicks) : _clock.UtcNow;
            _writer.Reset();
            TelemetryEnvelope.Write(_writer, _topics, serial, ts, _registers, count, null);
            _sink.Emit(TelemetryTopic(serial), _writer.Buffer, 0, _writer.Length);
            EnvelopesPublished++;
        }

        private string TelemetryTopic(string serial)
        {
            var topic = (string)_telemetryTopics[serial];
            if (topic == null)
            {
                topic = _topics.Telemetry(serial);
                _telemetryTopics[serial] = topic;
            }

            return topic;
        }

        /// <summary>A meter not yet registered has no serial; its bus address stands in.</summary>
        private static string SerialOf(MeterRecord meter) => meter.Serial ?? "address-" + meter.Address.ToString();

        /// <summary>Puts the reading into register slot <paramref name="slot"/>, refilling the register an earlier envelope used there.</summary>
        private void Fill(int slot, Reading reading)
        {
            Quality quality = reading.Quality == ReadingQuality.Good ? Quality.Good
                : reading.Quality == ReadingQuality.Suspect ? Quality.Suspect : Quality.CommsLost;
            string obis = reading.Item.Code;
            string unit = reading.Item.Unit;
            EnvelopeRegister register = _registers[slot];
            if (register == null)
            {
                register = EnvelopeRegister.OfNumber(obis, 0, unit, quality);
                _registers[slot] = register;
            }

            if (reading.ValueKind == ReadingValueKind.Text)
            {
                register.SetText(obis, reading.Text, unit, quality);
            }
            else
            {
                register.SetNumber(obis, reading.Number, unit, quality);
            }
        }

        /// <summary>Northbound's documented event name of each metering kind (the schema's type enum lists every one).</summary>
        private static string EventType(MeteringEventKind kind)
        {
            switch (kind)
            {
                case MeteringEventKind.Registration: return EventTypes.MeterRegistered;
                case MeteringEventKind.ClockDrift: return EventTypes.ClockAdjusted;
                case MeteringEventKind.EnergyImbalance: return EventTypes.EnergyImbalance;
                case MeteringEventKind.Tamper: return EventTypes.Tamper;
                case MeteringEventKind.CommsLost: return EventTypes.CommsLost;
                case MeteringEventKind.CommsRestored: return EventTypes.CommsRestored;
                case MeteringEventKind.FactorySettings: return EventTypes.Diagnostic;
                case MeteringEventKind.Diagnostic: return EventTypes.Diagnostic;
                case MeteringEventKind.ZeroConsumption: return EventTypes.ZeroConsumptionWithVoltage;
                case MeteringEventKind.ProfileMismatch: return EventTypes.ProfileMismatch;
                case MeteringEventKind.IntervalGap: return EventTypes.DataGap;
                default: return EventTypes.ReverseEnergy;
            }
        }

        private static JsonNode EventData(MeteringEvent e)
        {
            var diagnostic = e as DiagnosticEvent;
            if (diagnostic != null)
            {
                return EventEnvelope.Diagnostic(diagnostic.Code, diagnostic.Detail);
            }

            var gap = e as IntervalGapEvent;
            if (gap != null)
            {
                return EventEnvelope.IntervalGap(e.MeterName ?? e.MeterSerial, new DateTime(gap.FirstUtcTicks, DateTimeKind.Utc),
                    new DateTime(gap.LastUtcTicks, DateTimeKind.Utc), gap.IntervalS, gap.Count);
            }

            JsonNode data = JsonNode.NewObject();
            if (e is EnergyImbalanceEvent imbalance)
            {
                data.Set("windowS", imbalance.WindowMs / 1000);
                data.Set("headKWh", imbalance.HeadKWh);
                data.Set("customersKWh", imbalance.CustomersKWh);
                data.Set("imbalanceKWh", imbalance.ImbalanceKWh);
                data.Set("imbalancePercent", imbalance.ImbalancePercent);
                data.Set("allowancePercent", imbalance.AllowancePercent);
            }
            else if (e is ClockDriftEvent drift)
            {
                if (!double.IsNaN(drift.DriftSeconds))
                {
                    data.Set("driftS", drift.DriftSeconds);
                }

                data.Set("action", ClockDriftEvent.ActionName(drift.Action));
                data.Set("clockStatus", drift.ClockStatus);
            }
            else if (e is TamperEvent tamper)
            {
                data.Set("flags", Strings(tamper.Flags));
                data.Set("rawStatus", tamper.RawStatus);
            }
            else if (e is CommsEvent comms)
            {
                data.Set("lastStatus", ReadStatusNames.Name(comms.LastStatus));
                data.Set("consecutiveFailures", comms.ConsecutiveFailures);
            }
            else if (e is RegistrationEvent registration)
            {
                data.Set("serial", registration.MeterSerial);
                data.Set("serialSynthetic", registration.SerialSynthetic);
                data.Set("profile", registration.ProfileId);
                data.Set("autoProfiled", registration.AutoProfiled);
                if (registration.Firmware != null)
                {
                    data.Set("firmware", registration.Firmware);
                }

                if (registration.Variant != null)
                {
                    data.Set("variant", registration.Variant);
                }

                data.Set("importIncludesExport", registration.ImportIncludesExport);
                data.Set("disabledChecks", Strings(registration.DisabledChecks));
            }
            else if (e is ProfileMismatchEvent mismatch)
            {
                data.Set("profile", mismatch.ProfileId);
                data.Set("reasons", Strings(mismatch.Reasons));
                data.Set("unmapped", Strings(mismatch.Unmapped));
            }
            else if (e is FactorySettingsEvent factory)
            {
                data.Set("code", DiagnosticCodes.MeterAtFactorySettings);
                data.Set("detail", FactoryDetail(factory));
            }
            else if (e is TheftSuspicionEvent theft)
            {
                data.Set("energyKWh", theft.EnergyKWh);
                data.Set("previousKWh", theft.PreviousKWh);
                data.Set("voltageV", theft.VoltageV);
                data.Set("powerW", theft.PowerW);
            }

            return data;
        }

        /// <summary>What answered, where, and the commissioning step that brings the meter onto the bus.</summary>
        private static string FactoryDetail(FactorySettingsEvent e)
        {
            FactoryFinding f = e.Finding;
            string found = f.ProfileId + " answers at its factory settings " + f.Baud.ToString() + " Bd 8N1, address " + f.Address.ToString()
                + (f.Serial != null ? " (serial " + f.Serial + ")" : string.Empty);
            return found + ", not at the bus's " + e.BusBaud.ToString() + " Bd: set the meter to " + e.BusBaud.ToString() + " Bd and address "
                + e.MeterAddress.ToString() + " (or run the bus at " + f.Baud.ToString() + " Bd)";
        }

        /// <summary>A JSON array of <paramref name="values"/> (empty for null).</summary>
        private static JsonNode Strings(string[] values)
        {
            JsonNode array = JsonNode.NewArray();
            for (int i = 0; values != null && i < values.Length; i++)
            {
                array.Add(JsonNode.FromString(values[i]));
            }

            return array;
        }
    }
}
