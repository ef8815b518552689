namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The head-end of a run without a broker: the <see cref="LineBrokerLink"/> is the broker, so a command is
/// handed straight to the gateway's subscription and every event the gateway publishes is seen at once.
/// </summary>
public sealed class LineHeadEndChannel : IHeadEndChannel
{
    private readonly LineBrokerLink _broker;

    public LineHeadEndChannel(LineBrokerLink broker)
    {
        _broker = broker;
        _broker.Forwarded += OnForwarded;
    }

    public event Action<string, byte[]>? Received;

    public void Send(string topic, byte[] payload) => _broker.Deliver(topic, payload);

    public void Dispose() => _broker.Forwarded -= OnForwarded;

    private void OnForwarded(string topic, byte[] payload)
    {
        if (topic.EndsWith("/event", StringComparison.Ordinal))
        {
            Received?.Invoke(topic, payload);
        }
    }
}
