using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.TestSupport;

/// <summary>
/// An in-memory link that records PUBLISHes and lets the test decide when PUBACKs come. Shared with the Cellular
/// tests (linked into their project), where it stands for the Wi-Fi and the cellular side of the fallback link.
/// </summary>
public sealed class FakeLink : IMqttLink
{
    public bool IsConnected { get; set; } = true;

    public List<(string Topic, string Payload, int PacketId, bool Duplicate, bool Retain)> Published { get; } = [];

    public event MqttMessageHandler? MessageReceived;

    public event MqttAckHandler? PublishAcknowledged;

    public event MqttLinkHandler? ConnectionLost;

    public int Connects { get; private set; }

    public int Disconnects { get; private set; }

    public bool FailConnect { get; set; }

    public void Connect(MqttConnectOptions options)
    {
        Connects++;
        if (FailConnect)
        {
            throw new NorthboundException("refused");
        }

        IsConnected = true;
    }

    public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate)
    {
        if (!IsConnected)
        {
            throw new NorthboundException("not connected");
        }

        Published.Add((topic, System.Text.Encoding.UTF8.GetString(payload, offset, count), packetId, duplicate, retain));
    }

    public void Subscribe(string topicFilter, int qos)
    {
    }

    public void Disconnect()
    {
        Disconnects++;
        IsConnected = false;
    }

    public void Ack(int packetId) => PublishAcknowledged?.Invoke(packetId);

    public void AckAll()
    {
        foreach (var published in Published.ToArray())
        {
            Ack(published.PacketId);
        }
    }

    public void Drop()
    {
        IsConnected = false;
        ConnectionLost?.Invoke();
    }

    public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload, 0, payload.Length);
}
