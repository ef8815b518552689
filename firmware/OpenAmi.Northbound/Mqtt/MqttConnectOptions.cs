namespace OpenAmi.Northbound.Mqtt
{
    /// <summary>What goes into CONNECT (MQTT 3.1.1 section 3.1). Where to connect (host, port, TLS CA) belongs to the adapter.</summary>
    public sealed class MqttConnectOptions
    {
        public string ClientId { get; set; }

        public string Username { get; set; }

        public string Password { get; set; }

        /// <summary>False keeps the broker session (subscriptions, queued QoS 1) across reconnects.</summary>
        public bool CleanSession { get; set; }

        public int KeepAliveSeconds { get; set; } = 60;

        public string WillTopic { get; set; }

        public byte[] WillPayload { get; set; }

        public int WillQos { get; set; } = 1;

        public bool WillRetain { get; set; } = true;
    }
}
