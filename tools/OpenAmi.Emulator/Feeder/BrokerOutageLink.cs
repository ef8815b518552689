using System.Text.Json.Nodes;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// A real broker connection (<see cref="MqttNetLink"/>) that a scenario can cut: an outage aborts the TCP
/// connection uncleanly (the broker then publishes the gateway's last will) and refuses reconnects until it ends.
/// </summary>
public sealed class BrokerOutageLink(MqttNetLink inner) : IFeederBroker, IDisposable
{
    private readonly PublishCounter _counter = new();
    private bool _down;

    public bool IsConnected => !_down && inner.IsConnected;

    public long Published => _counter.Total;

    public IReadOnlyDictionary<string, long> PublishedByKind => _counter.ByKind;

    public IReadOnlyDictionary<string, long> PublishedEventTypes => _counter.EventTypes;

    public event MqttMessageHandler? MessageReceived
    {
        add => inner.MessageReceived += value;
        remove => inner.MessageReceived -= value;
    }

    public event MqttAckHandler? PublishAcknowledged
    {
        add => inner.PublishAcknowledged += value;
        remove => inner.PublishAcknowledged -= value;
    }

    public event MqttLinkHandler? ConnectionLost
    {
        add => inner.ConnectionLost += value;
        remove => inner.ConnectionLost -= value;
    }

    public void GoDown()
    {
        _down = true;
        inner.Abort();
    }

    public void ComeBack() => _down = false;

    public void Settle()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IsConnected && inner.UnacknowledgedCount > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>Another client to the same broker, unaffected by the scenario's outage of the gateway's connection.</summary>
    public MqttNetLink OpenSibling() => inner.Sibling();

    public void Connect(MqttConnectOptions options)
    {
        if (_down)
        {
            throw new NorthboundException("connection refused: broker unreachable (scenario outage)");
        }

        inner.Connect(options);
    }

    public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate)
    {
        inner.Publish(topic, payload, offset, count, qos, retain, packetId, duplicate);
        _counter.Count(topic, payload, offset, count, duplicate);
    }

    public void Subscribe(string topicFilter, int qos) => inner.Subscribe(topicFilter, qos);

    public void Disconnect() => inner.Disconnect();

    public void Dispose() => inner.Dispose();
}

/// <summary>Counts published messages by their last topic level, and event envelopes by their type.</summary>
internal sealed class PublishCounter
{
    private readonly Dictionary<string, long> _byKind = new();
    private readonly Dictionary<string, long> _eventTypes = new();

    public long Total { get; private set; }

    public IReadOnlyDictionary<string, long> ByKind => _byKind;

    public IReadOnlyDictionary<string, long> EventTypes => _eventTypes;

    public void Count(string topic, byte[] payload, int offset, int count, bool duplicate)
    {
        Total++;
        string kind = topic[(topic.LastIndexOf('/') + 1)..];
        _byKind[kind] = _byKind.GetValueOrDefault(kind) + 1;
        if (kind == "event" && !duplicate && JsonNode.Parse(payload.AsSpan(offset, count))?["type"]?.GetValue<string>() is { } type)
        {
            _eventTypes[type] = _eventTypes.GetValueOrDefault(type) + 1;
        }
    }
}
