using System.Text.Json.Nodes;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Cli.HeadEnd;

/// <summary>
/// Publishes one signed command (QoS 1) and collects the gateway's command_ack events for its id until the final
/// one (done or rejected) arrives or the time runs out. Acks come on the meter's event topic, or the gateway's
/// own for a command it could not attribute to a meter, so both are subscribed before the command goes out.
/// </summary>
public sealed class CommandSender(string host, int port)
{
    /// <returns>Every ack's data for the command, in arrival order; the last is final unless the wait timed out.</returns>
    /// <exception cref="NorthboundException">The broker refused or dropped the connection, or did not PUBACK.</exception>
    public JsonArray Send(SignedCommand command, TimeSpan timeout)
    {
        var acks = new JsonArray();
        using var finalAck = new ManualResetEventSlim();
        using var client = new MqttNetLink(host, port);
        client.MessageReceived += (topic, payload, offset, count) =>
        {
            if (AckOf(command.Id, payload, offset, count) is not { } data)
            {
                return;
            }

            lock (acks)
            {
                acks.Add(data);
            }

            if (data["status"]?.GetValue<string>() is "done" or "rejected")
            {
                finalAck.Set();
            }
        };

        client.Connect(new MqttConnectOptions { ClientId = "openami-cli-" + Guid.NewGuid().ToString("N")[..12], CleanSession = true, KeepAliveSeconds = 60 });
        string root = command.Topic[..command.Topic.IndexOf("/meter/", StringComparison.Ordinal)];
        client.Subscribe(root + "/meter/+/event", 1);
        client.Subscribe(root + "/event", 1);
        byte[] payload = command.Payload;
        client.Publish(command.Topic, payload, 0, payload.Length, 1, false, 1, false);
        var deadline = DateTime.UtcNow + timeout;
        while (client.UnacknowledgedCount > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        if (client.UnacknowledgedCount > 0)
        {
            throw new NorthboundException($"the broker did not acknowledge the command within {timeout.TotalSeconds:0.###} s");
        }

        TimeSpan left = deadline - DateTime.UtcNow;
        finalAck.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        client.Disconnect();
        lock (acks)
        {
            return (JsonArray)acks.DeepClone();
        }
    }

    private static JsonObject? AckOf(string id, byte[] payload, int offset, int count)
    {
        try
        {
            var envelope = JsonNode.Parse(payload.AsSpan(offset, count)) as JsonObject;
            if (envelope?["type"]?.GetValue<string>() == "command_ack" && envelope["data"] is JsonObject data && data["commandId"]?.GetValue<string>() == id)
            {
                return (JsonObject)data.DeepClone();
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            // Something else on an event topic: not ours to judge.
        }

        return null;
    }
}
