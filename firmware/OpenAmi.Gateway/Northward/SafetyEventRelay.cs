using System;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;
using OpenAmi.Safety;
using OpenAmi.Safety.Events;
using OpenAmi.Safety.Policy;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Gateway.Northward
{
    /// <summary>
    /// Carries Safety's events from the safety thread to the northbound side. The safety thread only stamps the time
    /// and queues (under a lock held for an enqueue, never across flash or MQTT); the housekeeping lane drains the
    /// queue into event envelopes through the uplink, which persists them in the outbox before sending. Lines with a
    /// configured meter report on that meter's event topic, others on the gateway's.
    /// </summary>
    public sealed class SafetyEventRelay : ISafetyEventSink, ISupplyOutcomeSink
    {
        /// <summary>A handful per line per day at most; a flood beyond this is counted in <see cref="Dropped"/>.</summary>
        private const int MaxPending = 64;

        private readonly HandOffQueue _pending;
        private readonly string[] _channelIds;
        private readonly string[] _meterOfLine;
        private readonly Topics _topics;
        private readonly IEventSink _uplink;
        private readonly IWallClock _wallClock;
        private readonly JsonWriter _writer = new JsonWriter();

        public SafetyEventRelay(string[] channelIds, string[] meterOfLine, Topics topics, IEventSink uplink, IWallClock wallClock, Scheduler scheduler)
        {
            _channelIds = channelIds;
            _meterOfLine = meterOfLine;
            _topics = topics;
            _uplink = uplink;
            _wallClock = wallClock;
            _pending = new HandOffQueue(scheduler, "safety event", Lane.Housekeeping, MaxPending, Publish);
        }

        /// <summary>Events lost because the queue was full (the line states themselves are never affected).</summary>
        public int Dropped => _pending.Dropped;

        public void RcmTrip(RcmTripEvent tripEvent)
        {
            JsonNode data = LineData(tripEvent.Line)
                .Set("channel", tripEvent.Channel == TripChannel.HardwareLatch ? "hardware_latch" : "firmware_dsp")
                .Set("cause", SafetyNames.Cause(tripEvent.Cause))
                .Set("class", SafetyNames.Class(tripEvent.Class))
                .Set("magnitudeMa", Round(tripEvent.MagnitudeMa))
                .Set("duringProbe", tripEvent.DuringProbe);
            if (tripEvent.LatencyMs >= 0)
            {
                // The hardware latch's own latency is not observable by firmware (docs/safety.md); only the DSP's is.
                data.Set("latencyMs", tripEvent.LatencyMs);
            }

            Enqueue(tripEvent.Line, EventTypes.RcmTrip, data);
        }

        public void RcmFault(RcmFaultEvent faultEvent)
        {
            Enqueue(faultEvent.Line, EventTypes.RcmFault, LineData(faultEvent.Line).Set("fault", FaultName(faultEvent.Kind)).Set("measured", Round(faultEvent.Measured)));
        }

        public void RcmLockout(RcmLockoutEvent lockoutEvent)
        {
            JsonNode data = LineData(lockoutEvent.Line).Set("reason", ReenergiseDecision.Name(lockoutEvent.Reason)).Set("attempts", lockoutEvent.AttemptsInWindow);
            Enqueue(lockoutEvent.Line, EventTypes.RcmLockout, data);
        }

        public void RcmSelfTest(RcmSelfTestEvent selfTestEvent)
        {
            JsonNode data = LineData(selfTestEvent.Line).Set("trigger", TriggerName(selfTestEvent.Trigger))
                .Set("gainMvPerMa", Math.Round(selfTestEvent.GainMvPerMa * 100) / 100).Set("offsetMa", Round(selfTestEvent.OffsetMa));
            Enqueue(selfTestEvent.Line, EventTypes.RcmSelfTest, data);
        }

        /// <summary>A request to energise a line was refused (every source: remote, keypad, credit, automatic).</summary>
        public void Refused(int line, ReenergiseSource source, RefusalReason reason)
        {
            Enqueue(line, EventTypes.RcmRefused, LineData(line).Set("source", SourceName(source)).Set("reason", ReenergiseDecision.Name(reason)));
        }

        /// <summary>A line held through its probe window: it is on again.</summary>
        public void Restored(int line)
        {
            Enqueue(line, EventTypes.RcmRestore, LineData(line));
        }

        public static string FaultName(FaultKind kind)
        {
            switch (kind)
            {
                case FaultKind.SensorStuck: return "sensor_stuck";
                case FaultKind.OffsetOutOfRange: return "offset_out_of_range";
                case FaultKind.MissingSamples: return "missing_samples";
                case FaultKind.SelfTestNoTrip: return "self_test_no_trip";
                case FaultKind.SelfTestValue: return "self_test_value";
                case FaultKind.LatchStuck: return "latch_stuck";
                case FaultKind.ModuleError: return "module_error";
                case FaultKind.SsrWelded: return "ssr_welded";
                case FaultKind.AnyTripMismatch: return "any_trip_mismatch";
                case FaultKind.StoreCorrupt: return "store_corrupt";
                case FaultKind.GainOutOfRange: return "gain_out_of_range";
                default: return "unknown";
            }
        }

        public static string TriggerName(SelfTestTrigger trigger)
        {
            switch (trigger)
            {
                case SelfTestTrigger.PowerUp: return "power_up";
                case SelfTestTrigger.Daily: return "daily";
                case SelfTestTrigger.Installer: return "installer";
                default: return "reclosure";
            }
        }

        public static string SourceName(ReenergiseSource source)
        {
            switch (source)
            {
                case ReenergiseSource.RemoteReconnect: return "remote_reconnect";
                case ReenergiseSource.Keypad: return "keypad";
                case ReenergiseSource.CreditTopUp: return "credit_top_up";
                default: return "automatic";
            }
        }

        private JsonNode LineData(int line) => JsonNode.NewObject().Set("line", _channelIds[line]);

        /// <summary>Tenths of a milliamp are what the sensor resolves (0.034 mA per count); more digits only add noise.</summary>
        private static double Round(double value) => Math.Round(value * 10) / 10;

        private void Enqueue(int line, string type, JsonNode data)
        {
            _pending.Offer(new PendingEvent(_wallClock.UtcNow, _meterOfLine[line], type, data));
        }

        private void Publish(object item)
        {
            var pending = (PendingEvent)item;
            _writer.Reset();
            EventEnvelope.Write(_writer, _topics, pending.MeterSerial, pending.Timestamp, pending.Type, pending.Data);
            _uplink.Emit(_topics.EventOf(pending.MeterSerial), _writer.Buffer, 0, _writer.Length);
        }

        private sealed class PendingEvent
        {
            public PendingEvent(DateTime timestamp, string meterSerial, string type, JsonNode data)
            {
                Timestamp = timestamp;
                MeterSerial = meterSerial;
                Type = type;
                Data = data;
            }

            public DateTime Timestamp { get; }

            public string MeterSerial { get; }

            public string Type { get; }

            public JsonNode Data { get; }
        }
    }
}
