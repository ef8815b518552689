using OpenAmi.Emulator.Device;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The "broker" of a run without one: each PUBLISH becomes one output line (<see cref="MessageLine"/>) and is
/// acknowledged at once, as a QoS 1 broker would. A scenario's broker outage makes it drop the connection
/// and refuse new ones, so the gateway's real outbox and reconnect logic carry the outage.
/// </summary>
public sealed class LineBrokerLink(TextWriter output) : IFeederBroker
{
    private readonly PublishCounter _counter = new();
    private bool _connected;

    public bool Available { get; private set; } = true;

    public long Published => _counter.Total;

    public IReadOnlyDictionary<string, long> PublishedByKind => _counter.ByKind;

    public IReadOnlyDictionary<string, long> PublishedEventTypes => _counter.EventTypes;

    public bool IsConnected => _connected;

    public event MqttMessageHandler? MessageReceived;

    public event MqttAckHandler? PublishAcknowledged;

    public event MqttLinkHandler? ConnectionLost;

    /// <summary>Every published message, as the broker forwards it to its other subscribers (the simulated head-end).</summary>
    public event Action<string, byte[]>? Forwarded;

    public void GoDown()
    {
        Available = false;
        if (_connected)
        {
            _connected = false;
            ConnectionLost?.Invoke();
        }
    }

    public void ComeBack() => Available = true;

    /// <summary>Every publish is acknowledged as it is made: nothing to wait for.</summary>
    public void Settle()
    {
    }

    public void Connect(MqttConnectOptions options)
    {
        if (!Available)
        {
            throw new NorthboundException("connection refused: broker unreachable (scenario outage)");
        }

        _connected = true;
    }

    public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate)
    {
        if (!_connected)
        {
            throw new NorthboundException("not connected");
        }

        // The broker and the head-end it forwards to are not the gateway: a steady-state measurement leaves them out.
        using (HostSideAllocations.Begin())
        {
            output.WriteLine(MessageLine.Format(topic, retain, payload, offset, count));
            _counter.Count(topic, payload, offset, count, duplicate);
            Forwarded?.Invoke(topic, payload.AsSpan(offset, count).ToArray());
        }

        if (qos == 1)
        {
            PublishAcknowledged?.Invoke(packetId);
        }
    }

    public void Subscribe(string topicFilter, int qos)
    {
        if (!_connected)
        {
            throw new NorthboundException("not connected");
        }
    }

    public void Disconnect() => _connected = false;

    /// <summary>A head-end command arriving on a subscribed topic (scenario remote commands).</summary>
    public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload, 0, payload.Length);
}
