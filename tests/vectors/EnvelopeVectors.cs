using System;
using OpenAmi.Northbound.Envelope;

namespace OpenAmi.TestVectors
{
    /// <summary>The northbound telemetry envelope v0.1 against the profile's own example.</summary>
    public static class EnvelopeVectors
    {
        /// <summary>payloadEnvelope.example of northbound-mqtt-v0.1.json (ISV Tech Comm draft, overview-solutions/isv-ai-wiki meter-benchmark/), verbatim.</summary>
        public const string SpecExample = """
            {
              "schemaVersion": "0.1",
              "ts": "2026-06-22T14:30:00Z",
              "feederId": "feeder-north-paravur-01",
              "gatewayId": "pole-ems-0042",
              "meterSerial": "DS1000-88421",
              "sipCallId": "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@pole-ems-0042",
              "registers": [
                { "obis": "1.8.0", "value": 1842.5, "unit": "kWh", "quality": "good" },
                { "obis": "96.8.0", "value": 12.4, "unit": "kWh", "quality": "good" },
                { "obis": "96.11.1", "value": "connected", "unit": "enum", "quality": "good" }
              ]
            }
            """;

        // The example's fields, as the writer takes them.
        public const string FeederId = "feeder-north-paravur-01";
        public const string GatewayId = "pole-ems-0042";
        public const string MeterSerial = "DS1000-88421";
        public const string SipCallId = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@pole-ems-0042";

        public static DateTime Timestamp() => new DateTime(2026, 6, 22, 14, 30, 0);

        public static EnvelopeRegister[] Readings() => new[]
        {
            EnvelopeRegister.OfNumber("1.8.0", 1842.5, "kWh", Quality.Good),
            EnvelopeRegister.OfNumber("96.8.0", 12.4, "kWh", Quality.Good),
            EnvelopeRegister.OfText("96.11.1", "connected", "enum", Quality.Good),
        };
    }
}
