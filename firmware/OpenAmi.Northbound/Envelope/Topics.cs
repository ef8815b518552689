namespace OpenAmi.Northbound.Envelope
{
    /// <summary>
    /// Topic layout of the profile (mqtt.topics: openami/v1/{feederId}/{gatewayId}/meter/{meterSerial}/telemetry|event|command)
    /// plus the documented gateway-level extensions .../status (retained) and .../event.
    /// </summary>
    public sealed class Topics
    {
        /// <summary>Longest identifier a topic level of this gateway may hold.</summary>
        public const int MaxIdentifierLength = 64;

        public Topics(string feederId, string gatewayId)
        {
            CheckLevel(feederId, "feederId");
            CheckLevel(gatewayId, "gatewayId");
            FeederId = feederId;
            GatewayId = gatewayId;
            Root = "openami/v1/" + feederId + "/" + gatewayId;
        }

        public string FeederId { get; }

        public string GatewayId { get; }

        public string Root { get; }

        public string Telemetry(string meterSerial) => Meter(meterSerial) + "/telemetry";

        public string Event(string meterSerial) => Meter(meterSerial) + "/event";

        /// <summary>Where an event goes: the meter's event topic, or the gateway's own when it concerns no meter (null).</summary>
        public string EventOf(string meterSerial) => meterSerial == null ? GatewayEvent : Event(meterSerial);

        public string Command(string meterSerial) => Meter(meterSerial) + "/command";

        /// <summary>Subscription filter for every meter's command topic.</summary>
        public string CommandFilter => Root + "/meter/+/command";

        /// <summary>Retained gateway status (birth, last will "offline").</summary>
        public string Status => Root + "/status";

        /// <summary>Events that belong to no single meter (data_gap, gateway command acks).</summary>
        public string GatewayEvent => Root + "/event";

        /// <summary>The meter serial of a command topic of this gateway, or null if the topic is not one.</summary>
        public string MeterOfCommandTopic(string topic) => MeterOf(topic, "/command");

        /// <summary>The meter serial of this gateway's meter topic ending in <paramref name="suffix"/> ("/telemetry", "/event", "/command"), else null.</summary>
        public string MeterOf(string topic, string suffix)
        {
            string prefix = Root + "/meter/";
            if (topic == null || !topic.StartsWith(prefix) || !topic.EndsWith(suffix))
            {
                return null;
            }

            int length = topic.Length - prefix.Length - suffix.Length;
            if (length <= 0)
            {
                return null;
            }

            string serial = topic.Substring(prefix.Length, length);
            return IsIdentifier(serial) ? serial : null;
        }

        /// <summary>
        /// The identifiers the gateway itself gives topic levels (configuration ids, command ids): 1–64 of
        /// [A-Za-z0-9._-]. A received level outside this set names nothing here, and echoing it would let any
        /// sender choose the size of what the gateway writes.
        /// </summary>
        public static bool IsIdentifier(string level)
        {
            if (level == null || level.Length == 0 || level.Length > MaxIdentifierLength)
            {
                return false;
            }

            for (int i = 0; i < level.Length; i++)
            {
                char c = level[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        private string Meter(string meterSerial)
        {
            CheckLevel(meterSerial, "meterSerial");
            return Root + "/meter/" + meterSerial;
        }

        /// <summary>A topic level must be non-empty and free of '/', '+', '#' (MQTT 3.1.1 section 4.7).</summary>
        public static void CheckLevel(string level, string what)
        {
            if (level == null || level.Length == 0 || level.IndexOf('/') >= 0 || level.IndexOf('+') >= 0 || level.IndexOf('#') >= 0)
            {
                throw new NorthboundException(what + " must be a non-empty topic level without '/', '+' or '#'");
            }
        }
    }
}
