using nanoFramework.TestFramework;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.TestVectors;

namespace OpenAmi.Device.Tests.Vectors
{
    /// <summary>The telemetry envelope against the profile's example (tests/vectors/EnvelopeVectors.cs), on the device.</summary>
    [TestClass]
    public class NorthboundVectorTests
    {
        [TestMethod]
        public void TheSpecExampleIsReproducedByteForByteInCompactForm()
        {
            Assert.AreEqual(JsonParser.Parse(EnvelopeVectors.SpecExample).ToJson(), WriteSpecExample(new JsonWriter()));
        }

        /// <summary>The example's envelope, written by the device's writer and number formatting.</summary>
        internal static string WriteSpecExample(JsonWriter writer)
        {
            EnvelopeRegister[] readings = EnvelopeVectors.Readings();
            writer.Reset();
            TelemetryEnvelope.Write(writer, new Topics(EnvelopeVectors.FeederId, EnvelopeVectors.GatewayId), EnvelopeVectors.MeterSerial,
                EnvelopeVectors.Timestamp(), readings, readings.Length, EnvelopeVectors.SipCallId);
            return writer.ToString();
        }
    }
}
