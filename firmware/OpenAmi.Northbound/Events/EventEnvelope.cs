using System;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;

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

        /// <summary>data of a data_gap event: how many records the bounded outbox evicted, and their sequence range.</summary>
        public static JsonNode DataGap(int count, long firstSequence, long lastSequence) =>
            JsonNode.NewObject().Set("count", count).Set("firstSeq", firstSequence).Set("lastSeq", lastSequence);

        /// <summary>data of a diagnostic event: a <see cref="DiagnosticCodes"/> code and what the gateway did about it.</summary>
        public static JsonNode Diagnostic(string code, string detail) => JsonNode.NewObject().Set("code", code).Set("detail", detail);

        /// <summary>data of a gateway_fault event: the scheduler task that threw, why, and how many faults this report stands for.</summary>
        public static JsonNode GatewayFault(string task, string cause, long faults, long totalFaults) =>
            JsonNode.NewObject().Set("task", task).Set("cause", cause).Set("faults", faults).Set("totalFaults", totalFaults);
    }
}
