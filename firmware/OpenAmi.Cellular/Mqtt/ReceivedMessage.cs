namespace OpenAmi.Cellular.Mqtt
{
    /// <summary>A complete message from +CMQTTRXSTART … +CMQTTRXEND, held until it is delivered outside the channel lock.</summary>
    internal sealed class ReceivedMessage
    {
        public ReceivedMessage(string topic, byte[] payload)
        {
            Topic = topic;
            Payload = payload;
        }

        public string Topic { get; }

        public byte[] Payload { get; }
    }
}
