using System;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Northbound.Status
{
    /// <summary>
    /// Retained payloads of the gateway status topic: the birth message published after every CONNACK, and the
    /// last will "offline" the broker publishes when the connection dies uncleanly (also published by the gateway
    /// itself before a clean DISCONNECT, which suppresses the will).
    /// </summary>
    public static class GatewayStatus
    {
        public const string Online = "online";
        public const string Offline = "offline";

        /// <param name="configErrors">`path: reason` lines of a rejected configuration, or null: written only when there are some.</param>
        public static void WriteBirth(JsonWriter writer, Topics topics, DateTime timestamp, string firmwareVersion, long uptimeSeconds, int signalDbm, int outboxDepth, string[] configErrors)
        {
            writer.BeginObject();
            TelemetryEnvelope.WriteHeader(writer, topics, null, timestamp);
            writer.Property("state", Online);
            writer.Property("firmware", firmwareVersion);
            writer.Property("uptimeS", uptimeSeconds);
            if (signalDbm == SignalStrength.UnknownDbm)
            {
                writer.Name("signalDbm");
                writer.Null();
            }
            else
            {
                writer.Property("signalDbm", signalDbm);
            }

            writer.Property("outboxDepth", outboxDepth);
            if (configErrors != null && configErrors.Length > 0)
            {
                writer.Name("configErrors");
                writer.BeginArray();
                foreach (string error in configErrors)
                {
                    writer.String(error);
                }

                writer.EndArray();
            }

            writer.EndObject();
        }

        /// <summary>The will is fixed at CONNECT time, so it carries no timestamp.</summary>
        public static void WriteWill(JsonWriter writer, Topics topics)
        {
            writer.BeginObject();
            writer.Property("schemaVersion", TelemetryEnvelope.SchemaVersion);
            writer.Property("feederId", topics.FeederId);
            writer.Property("gatewayId", topics.GatewayId);
            writer.Property("state", Offline);
            writer.EndObject();
        }
    }
}
