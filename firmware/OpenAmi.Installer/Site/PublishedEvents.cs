using System;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;

namespace OpenAmi.Installer.Site
{
    /// <summary>
    /// The events tap: every event envelope the gateway hands its uplink (persisted before it is sent, so the page sees
    /// events while the broker is unreachable too), read back as the head-end would read it. Each goes into the
    /// <see cref="EventRing"/>; a line's last trip and last self-test outcome are kept per line. Telemetry is skipped
    /// by its topic before anything is parsed (readings come through <see cref="LatestReadings"/>). An envelope this
    /// cannot read is counted and skipped: the tap never disturbs publishing.
    /// </summary>
    public sealed class PublishedEvents : IEventSink
    {
        private const string EventSuffix = "/event";

        private readonly string[] _channels;
        private readonly string[] _tripCauses;
        private readonly double[] _tripMilliamps;
        private readonly DateTime[] _tripUtc;
        private readonly string[] _selfTests;
        private readonly DateTime[] _selfTestUtc;

        /// <param name="channels">The safety channel ids in line order (the events name a line by its channel).</param>
        public PublishedEvents(string[] channels, EventRing ring)
        {
            _channels = channels;
            Ring = ring;
            _tripCauses = new string[channels.Length];
            _tripMilliamps = new double[channels.Length];
            _tripUtc = new DateTime[channels.Length];
            _selfTests = new string[channels.Length];
            _selfTestUtc = new DateTime[channels.Length];
        }

        public EventRing Ring { get; }

        /// <summary>Event envelopes that could not be read (none is expected: they are the gateway's own).</summary>
        public int Unreadable { get; private set; }

        public void Emit(string topic, byte[] payload, int offset, int count)
        {
            if (topic == null || topic.Length < EventSuffix.Length || topic.IndexOf(EventSuffix, topic.Length - EventSuffix.Length) < 0)
            {
                return;
            }

            try
            {
                Record(JsonParser.Parse(payload, offset, count));
            }
            catch (JsonException)
            {
                Unreadable++;
            }
        }

        /// <summary>Fills the last trip and self-test of line <paramref name="line"/>.</summary>
        public void Fill(int line, LineView view)
        {
            lock (_channels)
            {
                view.LastTripCause = _tripCauses[line];
                view.LastTripMilliamps = _tripMilliamps[line];
                view.LastTripUtc = _tripUtc[line];
                view.LastSelfTest = _selfTests[line];
                view.LastSelfTestUtc = _selfTestUtc[line];
            }
        }

        private void Record(JsonNode envelope)
        {
            string type = envelope.GetString("type");
            DateTime at = IsoTime.Parse(envelope.GetString("ts"));
            JsonNode data = envelope.Get("data");
            JsonNode meter = envelope.Get("meterSerial");
            string detail = data == null ? "" : data.ToJson();
            Ring.Add(at, type, meter == null ? detail : meter.AsString() + " " + detail);

            int line = data == null || data.Kind != JsonKind.Object || data.Get("line") == null ? -1 : LineOf(data.GetString("line"));
            if (line < 0)
            {
                return;
            }

            lock (_channels)
            {
                if (type == EventTypes.RcmTrip)
                {
                    _tripCauses[line] = data.GetString("cause");
                    _tripMilliamps[line] = data.GetDouble("magnitudeMa");
                    _tripUtc[line] = at;
                }
                else if (type == EventTypes.RcmSelfTest || (type == EventTypes.RcmFault && IsSelfTestFault(data.GetString("fault"))))
                {
                    _selfTests[line] = type == EventTypes.RcmSelfTest ? "passed" : "failed";
                    _selfTestUtc[line] = at;
                }
            }
        }

        /// <summary>The faults a self-test raises (docs/safety.md): the injected current did not trip, or read wrong.</summary>
        private static bool IsSelfTestFault(string fault) => fault == "self_test_no_trip" || fault == "self_test_value";

        private int LineOf(string channel)
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                if (_channels[i] == channel)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
