using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Cli.Tests.HeadEnd;

/// <summary>
/// `openami command send` through a real mosquitto to a stand-in gateway written here from docs/northbound.md: it
/// checks the signature with the emulator's head-end JCS (written independently of the gateway's) and an HMAC of
/// its own, and answers with command_ack events as the gateway does (accepted then done, or rejected bad_signature).
/// </summary>
public sealed class CommandSendTests : IDisposable
{
    private const string Root = "openami/v1/feeder-a/gw-1";
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 ^ i)).ToArray();

    private readonly MosquittoBroker _broker = new();
    private readonly List<string> _received = [];

    public void Dispose() => _broker.Dispose();

    private MqttNetLink StartGateway()
    {
        var gateway = new MqttNetLink("127.0.0.1", _broker.Port);
        int packetId = 0;
        gateway.MessageReceived += (topic, payload, offset, count) =>
        {
            var command = JsonNode.Parse(payload.AsSpan(offset, count))!.AsObject();
            lock (_received)
            {
                _received.Add(topic);
            }

            string signed = "OPENAMI-CMD-1\n" + topic + "\n" + HeadEndSigner.Canonical(command, omit: "signature");
            bool authentic = Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(signed))) == command["signature"]!.GetValue<string>();
            string eventTopic = topic[..^"/command".Length] + "/event";
            foreach (var (status, reason) in authentic ? new[] { ("accepted", (string?)null), ("done", null) } : [("rejected", "bad_signature")])
            {
                var data = new JsonObject { ["commandId"] = command["id"]!.GetValue<string>(), ["commandType"] = command["type"]!.GetValue<string>(), ["status"] = status };
                if (reason != null)
                {
                    data["reason"] = reason;
                }

                var envelope = new JsonObject
                {
                    ["schemaVersion"] = "0.1", ["ts"] = "2026-06-22T14:30:01Z", ["feederId"] = "feeder-a", ["gatewayId"] = "gw-1",
                    ["meterSerial"] = "M1", ["type"] = "command_ack", ["data"] = data,
                };
                byte[] bytes = Encoding.UTF8.GetBytes(envelope.ToJsonString());
                gateway.Publish(eventTopic, bytes, 0, bytes.Length, 1, false, Interlocked.Increment(ref packetId), false);
            }
        };
        gateway.Connect(new MqttConnectOptions { ClientId = "stand-in-gateway", CleanSession = true, KeepAliveSeconds = 60 });
        gateway.Subscribe(Root + "/meter/+/command", 1);
        return gateway;
    }

    private CliResult Send(byte[] key, double timeout) => OpenAmiCli.Run(
        "command", "send", "--broker", $"mqtt://127.0.0.1:{_broker.Port}", "--key", Convert.ToHexStringLower(key),
        "--feeder", "feeder-a", "--gateway", "gw-1", "--meter", "M1", "--type", "set-interval", "--params", "{\"seconds\":900}",
        "--id", "c-send-1", "--timeout", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void AnAuthenticCommandIsDeliveredOnceAndItsAcksReported()
    {
        using var gateway = StartGateway();
        var result = Send(Key, 20);
        result.AssertSucceededQuietly();
        Assert.Equal("done", result.Document["status"]!.GetValue<string>());
        Assert.Equal("c-send-1", result.Document["id"]!.GetValue<string>());
        Assert.Equal(["accepted", "done"], result.Document["acks"]!.AsArray().Select(a => a!["status"]!.GetValue<string>()));
        lock (_received)
        {
            Assert.Equal([Root + "/meter/M1/command"], _received);
        }
    }

    [Fact]
    public void ARejectedCommandPrintsTheReasonAndExitsOne()
    {
        using var gateway = StartGateway();
        byte[] wrong = (byte[])Key.Clone();
        wrong[0] ^= 1;
        var result = Send(wrong, 20);
        Assert.Equal(1, result.Exit);
        Assert.Equal("rejected", result.Document["status"]!.GetValue<string>());
        Assert.Equal("bad_signature", result.Document["reason"]!.GetValue<string>());
    }

    [Fact]
    public void NoGatewayIsOneLineAfterTheTimeout()
    {
        var result = Send(Key, 1);
        result.AssertFailedWithOneLine();
        Assert.Contains("no final command_ack for 'c-send-1' within 1 s", result.Err);
    }

    [Fact]
    public void NoBrokerIsOneLine()
    {
        _broker.Stop();
        var result = Send(Key, 1);
        result.AssertFailedWithOneLine();
        Assert.StartsWith("openami: broker: cannot connect", result.Err);
    }
}
