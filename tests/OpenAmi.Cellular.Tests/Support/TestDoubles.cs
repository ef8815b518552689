using OpenAmi.Cellular.Ports;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Cellular.Tests.Support;

public sealed class MemoryStore : IFileStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public string[] List() => _files.Keys.ToArray();

    public int Length(string name) => _files.TryGetValue(name, out byte[]? data) ? data.Length : -1;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        byte[] data = _files[name];
        int n = Math.Max(0, Math.Min(count, data.Length - position));
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    public void Append(string name, byte[] buffer, int offset, int count)
    {
        byte[] old = _files.TryGetValue(name, out byte[]? data) ? data : [];
        _files[name] = [.. old, .. buffer.AsSpan(offset, count)];
    }

    public void Write(string name, byte[] buffer, int offset, int count) => _files[name] = buffer.AsSpan(offset, count).ToArray();

    public void Delete(string name) => _files.Remove(name);
}

public sealed class FixedClock : IClock
{
    public DateTime UtcNow => new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public bool IsSynchronized => true;
}

public sealed class GatewayInfo : IGatewayInfo
{
    public string FirmwareVersion => "test";

    public long UptimeSeconds => 1;

    public int SignalDbm => 0;
}

public sealed class Health : ILinkHealth
{
    public bool IsUsable { get; set; }
}

public sealed class ManualClock : IMonotonicClock
{
    public long NowMs { get; set; }
}

/// <summary>An in-memory MQTT link (the Wi-Fi or cellular side of the fallback tests) that records PUBLISHes.</summary>
public sealed class RecordingLink : IMqttLink
{
    public bool IsConnected { get; private set; }

    public bool FailConnect { get; set; }

    public int Connects { get; private set; }

    public int Disconnects { get; private set; }

    public List<(string Payload, int PacketId, bool Duplicate)> Published { get; } = [];

    public event MqttMessageHandler? MessageReceived;

    public event MqttAckHandler? PublishAcknowledged;

    public event MqttLinkHandler? ConnectionLost;

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

        Published.Add((System.Text.Encoding.UTF8.GetString(payload, offset, count), packetId, duplicate));
    }

    public void Subscribe(string topicFilter, int qos)
    {
    }

    public void Disconnect()
    {
        Disconnects++;
        IsConnected = false;
    }

    public void AckAll()
    {
        foreach ((_, int id, _) in Published.ToArray())
        {
            PublishAcknowledged?.Invoke(id);
        }
    }

    public void Drop()
    {
        IsConnected = false;
        ConnectionLost?.Invoke();
    }

    public void Deliver(string topic, byte[] payload) => MessageReceived?.Invoke(topic, payload, 0, payload.Length);
}
