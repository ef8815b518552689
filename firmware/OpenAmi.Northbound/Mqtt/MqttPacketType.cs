namespace OpenAmi.Northbound.Mqtt
{
    /// <summary>Control packet types, MQTT 3.1.1 section 2.2.1 table 2.1.</summary>
    public static class MqttPacketType
    {
        public const int Connect = 1;
        public const int ConnAck = 2;
        public const int Publish = 3;
        public const int PubAck = 4;
        public const int Subscribe = 8;
        public const int SubAck = 9;
        public const int PingReq = 12;
        public const int PingResp = 13;
        public const int Disconnect = 14;
    }
}
