using System;
using OpenAmi.Json;

namespace OpenAmi.Northbound.Envelope
{
    /// <summary>
    /// The telemetry payload of the northbound profile v0.1 (payloadEnvelope), members in the order of the
    /// profile's example: schemaVersion, ts, feederId, gatewayId, meterSerial, sipCallId (only when a SIP dialog
    /// is in force), registers.
    /// </summary>
    public static class TelemetryEnvelope
    {
        public const string SchemaVersion = "0.1";

        /// <summary>Writes one envelope as a complete JSON text into a reset writer.</summary>
        public static void Write(JsonWriter writer, Topics topics, string meterSerial, DateTime timestamp, EnvelopeRegister[] readings, int readingCount, string sipCallId)
        {
            Topics.CheckLevel(meterSerial, "meterSerial");
            writer.BeginObject();
            WriteHeader(writer, topics, meterSerial, timestamp);
            if (sipCallId != null)
            {
                writer.Property("sipCallId", sipCallId);
            }

            writer.Name("registers");
            writer.BeginArray();
            for (int i = 0; i < readingCount; i++)
            {
                WriteRegister(writer, readings[i]);
            }

            writer.EndArray();
            writer.EndObject();
        }

        /// <summary>The members every OpenAMI payload starts with (telemetry, events, acks).</summary>
        internal static void WriteHeader(JsonWriter writer, Topics topics, string meterSerial, DateTime timestamp)
        {
            writer.Property("schemaVersion", SchemaVersion);
            writer.Name("ts");
            IsoTime.Write(writer, timestamp);
            writer.Property("feederId", topics.FeederId);
            writer.Property("gatewayId", topics.GatewayId);
            if (meterSerial != null)
            {
                writer.Property("meterSerial", meterSerial);
            }
        }

        private static void WriteRegister(JsonWriter writer, EnvelopeRegister reading)
        {
            writer.BeginObject();
            writer.Property("obis", reading.Obis);
            writer.Name("value");
            switch (reading.Kind)
            {
                case RegisterValueKind.Number:
                    writer.Number(reading.Number);
                    break;
                case RegisterValueKind.Integer:
                    writer.Integer(reading.Integer);
                    break;
                case RegisterValueKind.Text:
                    writer.String(reading.Text);
                    break;
                default:
                    writer.Bool(reading.Flag);
                    break;
            }

            writer.Property("unit", reading.Unit);
            writer.Property("quality", QualityNames.Of(reading.Quality));
            writer.EndObject();
        }
    }
}
