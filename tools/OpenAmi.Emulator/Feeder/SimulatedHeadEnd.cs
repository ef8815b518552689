using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The integrator's head-end in the emulator: builds commands (docs/northbound.md, "Commands"), signs them with
/// the feeder's command key (<see cref="HeadEndSigner"/>, independent of the gateway's verifier), sends them
/// through its <see cref="IHeadEndChannel"/> and tallies the <c>command_ack</c> events that come back.
/// Commands are issued at the simulated wall time and valid for <see cref="Validity"/>.
/// </summary>
public sealed class SimulatedHeadEnd : IDisposable
{
    private readonly byte[] _key;
    private readonly string _root;
    private readonly Func<DateTime> _utcNow;
    private readonly IHeadEndChannel _channel;
    private readonly Dictionary<string, long> _acksByStatus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Status, string? Reason)> _lastAck = new(StringComparer.Ordinal);
    private readonly object _sync = new();
    private int _sequence;

    public SimulatedHeadEnd(GatewayConfig config, Func<DateTime> utcNow, IHeadEndChannel channel)
    {
        _key = config.Northbound.CommandKey ?? throw new ArgumentException("the feeder configuration has no northbound.commandKeyHex to sign with", nameof(config));
        _root = "openami/v1/" + config.FeederId + "/" + config.GatewayId;
        _utcNow = utcNow;
        _channel = channel;
        _channel.Received += OnReceived;
    }

    /// <summary>expiry − issued of every command sent (the gateway accepts up to 24 h).</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromHours(1);

    public int Sent { get; private set; }

    /// <summary>command_ack events received, by status (accepted, done, rejected).</summary>
    public IReadOnlyDictionary<string, long> AcksByStatus
    {
        get
        {
            lock (_sync)
            {
                return new Dictionary<string, long>(_acksByStatus);
            }
        }
    }

    /// <summary>The head-end of a feeder run: beside the line broker, or a second client of the real broker.</summary>
    public static SimulatedHeadEnd For(GatewayConfig config, Func<DateTime> utcNow, IFeederBroker link, Func<long> gatewayReceived)
    {
        IHeadEndChannel channel = link switch
        {
            LineBrokerLink line => new LineHeadEndChannel(line),
            BrokerOutageLink broker => new MqttHeadEndChannel(broker.OpenSibling(), "openami/v1/" + config.FeederId + "/" + config.GatewayId, config.GatewayId, gatewayReceived),
            _ => throw new NotSupportedException("no head-end channel for a " + link.GetType().Name),
        };
        return new SimulatedHeadEnd(config, utcNow, channel);
    }

    public string CommandTopic(string meterSerial) => _root + "/meter/" + meterSerial + "/command";

    /// <summary>Asks the gateway to restore supply to the meter's line (Safety decides); returns the command id.</summary>
    public string SendReconnect(string meterSerial) => Send(meterSerial, "reconnect", new JsonObject());

    /// <summary>Remote token delivery (use case V): the 20 digits go the same way as the keypad's.</summary>
    public string SendToken(string meterSerial, string token) => Send(meterSerial, "token", new JsonObject { ["token"] = token });

    public string Send(string meterSerial, string type, JsonObject parameters)
    {
        string id = "he-" + (++_sequence).ToString("D6", CultureInfo.InvariantCulture);
        DateTime issued = _utcNow();
        string topic = CommandTopic(meterSerial);
        var command = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["params"] = parameters,
            ["issued"] = Iso(issued),
            ["expiry"] = Iso(issued + Validity),
        };
        command["signature"] = HeadEndSigner.Sign(_key, topic, command);
        _channel.Send(topic, Encoding.UTF8.GetBytes(command.ToJsonString()));
        Sent++;
        return id;
    }

    /// <summary>The last ack status of command <paramref name="id"/> and its reason, or null when none came back.</summary>
    public (string Status, string? Reason)? LastAck(string id)
    {
        lock (_sync)
        {
            return _lastAck.TryGetValue(id, out var ack) ? ack : null;
        }
    }

    /// <summary>
    /// Waits (real time, bounded) until every command sent has its final ack (done or rejected): over a real broker
    /// the last acks may still be on their way when the simulation ends. False when some never came.
    /// </summary>
    public bool WaitForFinalAcks(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_sync)
            {
                if (_lastAck.Values.Count(a => a.Status is "done" or "rejected") >= Sent)
                {
                    return true;
                }
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            Thread.Sleep(10);
        }
    }

    public void Dispose()
    {
        _channel.Received -= OnReceived;
        _channel.Dispose();
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void OnReceived(string topic, byte[] payload)
    {
        JsonNode? envelope;
        try
        {
            envelope = JsonNode.Parse(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }

        if (envelope?["type"]?.GetValue<string>() != "command_ack" || envelope["data"] is not JsonObject data)
        {
            return;
        }

        string status = data["status"]?.GetValue<string>() ?? "";
        string? id = data["commandId"]?.GetValue<string>();
        lock (_sync)
        {
            _acksByStatus[status] = _acksByStatus.GetValueOrDefault(status) + 1;
            if (id != null)
            {
                _lastAck[id] = (status, data["reason"]?.GetValue<string>());
            }
        }
    }
}
