namespace OpenAmi.Northbound.Mqtt
{
    public delegate void MqttMessageHandler(string topic, byte[] payload, int offset, int count);

    public delegate void MqttAckHandler(int packetId);

    public delegate void MqttLinkHandler();

    /// <summary>
    /// One MQTT 3.1.1 client connection (device: nanoFramework.M2Mqtt; host: the emulator's client). The link
    /// never re-sends on its own: the owner of the durable store (<see cref="OutboxPublisher"/>) re-sends
    /// unacknowledged QoS 1 messages after a reconnect with DUP set and their original packet identifier
    /// (MQTT 3.1.1 section 4.4). Events may be raised on the link's own thread.
    /// </summary>
    public interface IMqttLink
    {
        bool IsConnected { get; }

        /// <summary>Opens the connection and waits for CONNACK; a refusal or network failure is a NorthboundException.</summary>
        void Connect(MqttConnectOptions options);

        /// <summary>
        /// Sends a PUBLISH. For QoS 1, <paramref name="packetId"/> (1..65535) is chosen by the caller and reported
        /// back by <see cref="PublishAcknowledged"/>; QoS 0 ignores it. Throws NorthboundException when not connected.
        /// </summary>
        void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate);

        /// <summary>Subscribes and waits for SUBACK; a refused subscription is a NorthboundException.</summary>
        void Subscribe(string topicFilter, int qos);

        /// <summary>Sends DISCONNECT (the broker then discards the will) and closes.</summary>
        void Disconnect();

        event MqttMessageHandler MessageReceived;

        event MqttAckHandler PublishAcknowledged;

        /// <summary>Raised once when an open connection fails (not after <see cref="Disconnect"/>).</summary>
        event MqttLinkHandler ConnectionLost;
    }
}
