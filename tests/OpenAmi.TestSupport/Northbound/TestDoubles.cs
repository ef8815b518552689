using System.Security.Cryptography;
using OpenAmi.Json;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.TestSupport;

/// <summary>HMAC-SHA256 from System.Security.Cryptography: the independent MAC implementation.</summary>
public sealed class TestKey(byte[] key) : ICommandKey
{
    public byte[] Key { get; } = key;

    public void ComputeMac(byte[] data, int offset, int count, byte[] mac, int macOffset) =>
        HMACSHA256.HashData(Key, data.AsSpan(offset, count), mac.AsSpan(macOffset, 32));
}

public sealed class TestClock(DateTime now) : IWallClock
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

    /// <summary>Runs inside <see cref="Execute"/> (e.g. to report a count to the processor).</summary>
    public Action? During { get; set; }

    public string? Execute(string meterSerial, string commandType, JsonNode parameters)
    {
        Calls.Add((meterSerial, commandType, parameters.ToJson()));
        During?.Invoke();
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
