using System.Text;
using OpenAmi.Emulator.Storage;
using OpenAmi.Json;
using OpenAmi.Northbound.Commands;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Fuzz;

/// <summary>
/// The command path from a received PUBLISH to its ack: parse, shape, canonical form, HMAC, type, time, replay,
/// execution. It must never throw. Seeds: correctly signed commands of every type (signed here with the key of
/// the ready feeders, as the emulator's head-end signs them).
/// </summary>
public sealed class CommandTarget : FuzzTarget
{
    private static readonly DateTime Now = new(2026, 6, 22, 14, 30, 0, DateTimeKind.Utc);
    private static readonly Topics Topics = new("feeder-1", "gw-1");
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    private readonly CommandProcessor _processor;
    private readonly string _topic = Topics.Command("M1");

    public CommandTarget()
    {
        _processor = new CommandProcessor(Topics, new HostCommandKey(Key), new FixedClock(), new ReplayGuard(new MemoryStore()), new Grant(), new Done(), new Discard());
        Seeds = new[] { "disconnect", "reconnect", "read-now", "set-interval", "clock-sync", "token", "reboot" }
            .Select((type, i) => Signed(type, i)).ToArray();
    }

    public override string Name => "command";

    public override byte[][] Seeds { get; }

    public override bool IsTyped(Exception error) => false;

    public override void Run(byte[] input) => _processor.Handle(_topic, input, 0, input.Length);

    private byte[] Signed(string type, int index)
    {
        JsonNode parameters = JsonNode.NewObject();
        if (type == "set-interval")
        {
            parameters.Set("instantaneousS", 900);
        }
        else if (type == "token")
        {
            parameters.Set("token", "12855806557697228949");
        }

        JsonNode command = JsonNode.NewObject().Set("id", "fuzz-" + index).Set("type", type).Set("params", parameters)
            .Set("issued", IsoTime.Format(Now)).Set("expiry", IsoTime.Format(Now.AddMinutes(5)));
        command.Set("signature", CommandSignature.Sign(new HostCommandKey(Key), _topic, command));
        return Encoding.UTF8.GetBytes(command.ToJson());
    }

    private sealed class FixedClock : IWallClock
    {
        public DateTime UtcNow => Now;

        public bool IsSynchronized => true;
    }

    private sealed class Grant : ISupplyPolicy
    {
        public SupplyAnswer RequestReconnect(string meterSerial, out string reason)
        {
            reason = null!;
            return SupplyAnswer.Granted;
        }
    }

    private sealed class Done : ICommandHandler
    {
        public string Execute(string meterSerial, string commandType, JsonNode parameters) => null!;
    }

    private sealed class Discard : IEventSink
    {
        public void Emit(string topic, byte[] payload, int offset, int count)
        {
        }
    }

    /// <summary>Files in memory: the replay guard's record (written only for an accepted command).</summary>
    private sealed class MemoryStore : IFileStore
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

        public void Append(string name, byte[] buffer, int offset, int count) =>
            _files[name] = (_files.TryGetValue(name, out byte[]? data) ? data : []).Concat(buffer.Skip(offset).Take(count)).ToArray();

        public void Write(string name, byte[] buffer, int offset, int count) => _files[name] = buffer.Skip(offset).Take(count).ToArray();

        public void Delete(string name) => _files.Remove(name);
    }
}
