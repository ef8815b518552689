using System;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Outbox;

namespace OpenAmi.Northbound.Events
{
    /// <summary>
    /// An event payload: the telemetry header (schemaVersion, ts, feederId, gatewayId, meterSerial when the event
    /// belongs to a meter), then "type" and a "data" object whose members depend on the type.
    /// </summary>
    public static class EventEnvelope
    {
        public static void Write(JsonWriter writer, Topics topics, string meterSerial, DateTime timestamp, string type, JsonNode data)
        {
            writer.BeginObject();
            TelemetryEnvelope.WriteHeader(writer, topics, meterSerial, timestamp);
            writer.Property("type", type);
            writer.Name("data");
            writer.Node(data ?? JsonNode.NewObject());
            writer.EndObject();
        }

        /// <summary>
        /// data of a data_gap event: how many records of one stream the outbox lost before delivery (evicted, or
        /// unreadable after corruption), their sequence range, how many of them may still have arrived
        /// (unconfirmed), the stream ("telemetry", "event", or "unknown" when the records could not be read), the
        /// meter (null for the gateway's own events and the unknown stream) and, when known, the time span the lost
        /// envelopes were stamped with.
        /// </summary>
        public static JsonNode DataGap(GapRange range, Topics topics)
        {
            string stream = StreamUnknown;
            string meter = topics.MeterOf(range.Topic, "/telemetry");
            if (meter != null)
            {
                stream = StreamTelemetry;
            }
            else if (range.Topic != null && range.Topic == topics.GatewayEvent)
            {
                stream = StreamEvent;
            }
            else
            {
                meter = topics.MeterOf(range.Topic, "/event");
                stream = meter != null ? StreamEvent : StreamUnknown;
            }

            JsonNode data = JsonNode.NewObject().Set("count", range.Count).Set("firstSeq", range.FirstSequence).Set("lastSeq", range.LastSequence)
                .Set("unconfirmed", range.Unconfirmed).Set("stream", stream).Set("meter", meter);
            if (range.FirstTicks != 0)
            {
                data.Set("firstTs", IsoTime.Format(new DateTime(range.FirstTicks, DateTimeKind.Utc)))
                    .Set("lastTs", IsoTime.Format(new DateTime(range.LastTicks, DateTimeKind.Utc)));
            }

            return data;
        }

        /// <summary>
        /// data of a data_gap event for a meter without a load profile: <paramref name="count"/> telemetry intervals of
        /// <paramref name="intervalS"/> seconds, starting <paramref name="firstUtc"/> to <paramref name="lastUtc"/>, for
        /// which the gateway got no good reading (the meter silent or the gateway off); nothing will fill them later.
        /// </summary>
        public static JsonNode IntervalGap(string meter, DateTime firstUtc, DateTime lastUtc, int intervalS, long count) =>
            JsonNode.NewObject().Set("count", count).Set("stream", StreamTelemetry).Set("meter", meter)
                .Set("firstTs", IsoTime.Format(firstUtc)).Set("lastTs", IsoTime.Format(lastUtc)).Set("intervalS", intervalS);

        public const string StreamTelemetry = "telemetry";
        public const string StreamEvent = "event";
        public const string StreamUnknown = "unknown";

        /// <summary>data of a diagnostic event: a <see cref="DiagnosticCodes"/> code and what the gateway did about it.</summary>
        public static JsonNode Diagnostic(string code, string detail) => JsonNode.NewObject().Set("code", code).Set("detail", detail);

        /// <summary>data of a gateway_fault event: the scheduler task that threw, why, and how many faults this report stands for.</summary>
        public static JsonNode GatewayFault(string task, string cause, long faults, long totalFaults) =>
            JsonNode.NewObject().Set("task", task).Set("cause", cause).Set("faults", faults).Set("totalFaults", totalFaults);
    }
}
