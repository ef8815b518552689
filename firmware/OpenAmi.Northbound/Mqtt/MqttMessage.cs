namespace OpenAmi.Northbound.Mqtt
{
    /// <summary>
    /// A received PUBLISH held for delivery later, on another thread: the payload is the holder's own copy (a link may
    /// reuse its receive buffer once its event returns).
    /// </summary>
    public sealed class MqttMessage
    {
        public MqttMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload;
        }

        public string Topic { get; }

        public byte[] Payload { get; }
    }
}
