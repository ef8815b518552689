using System.Security.Cryptography;
using OpenAmi.Json;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Northbound.Tests.Support;

/// <summary>HMAC-SHA256 from System.Security.Cryptography: the independent MAC implementation.</summary>
public sealed class TestKey(byte[] key) : ICommandKey
{
    public byte[] Key { get; } = key;

    public void ComputeMac(byte[] data, int offset, int count, byte[] mac, int macOffset) =>
        HMACSHA256.HashData(Key, data.AsSpan(offset, count), mac.AsSpan(macOffset, 32));
}

public sealed class TestClock(DateTime now) : IClock
{
    public DateTime UtcNow { get; set; } = now;

    public bool IsSynchronized { get; set; } = true;
}

public sealed class CapturingSink : IEventSink
{
    public List<(string Topic, string Payload)> Emitted { get; } = [];

    public void Emit(string topic, byte[] payload, int offset, int count) =>
        Emitted.Add((topic, System.Text.Encoding.UTF8.GetString(payload, offset, count)));

    public List<JsonNode> AckData => Emitted.Select(e => JsonParser.Parse(e.Payload).Require("data")).ToList();
}

public sealed class RecordingHandler : ICommandHandler
{
    public List<(string Meter, string Type, string Params)> Calls { get; } = [];

    public string? Failure { get; set; }

    public string? Execute(string meterSerial, string commandType, JsonNode parameters)
    {
        Calls.Add((meterSerial, commandType, parameters.ToJson()));
        return Failure;
    }
}

public sealed class StubSupplyPolicy : ISupplyPolicy
{
    public bool LockedOut { get; set; }

    public List<string> Requests { get; } = [];

    public SupplyAnswer RequestReconnect(string meterSerial, out string? reason)
    {
        Requests.Add(meterSerial);
        reason = LockedOut ? "rcm_lockout" : null;
        return LockedOut ? SupplyAnswer.Refused : SupplyAnswer.Granted;
    }
}

/// <summary>An in-memory link that records PUBLISHes and lets the test decide when PUBACKs come.</summary>
public sealed class FakeLink : IMqttLink
{
    public bool IsConnected { get; set; } = true;

    public List<(string Topic, string Payload, int PacketId, bool Duplicate, bool Retain)> Published { get; } = [];

    public event MqttMessageHandler? MessageReceived;

    public event MqttAckHandler? PublishAcknowledged;

    public event MqttLinkHandler? ConnectionLost;

    public int Connects { get; private set; }

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

    public void Disconnect() => IsConnected = false;

    public void Ack(int packetId) => PublishAcknowledged?.Invoke(packetId);

    public void Drop()
    {
        IsConnected = false;
        ConnectionLost?.Invoke();
    }

    public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload, 0, payload.Length);
}
