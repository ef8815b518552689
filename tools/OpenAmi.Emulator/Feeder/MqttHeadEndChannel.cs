using OpenAmi.Emulator.Mqtt;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The head-end as a separate client of a real broker: it publishes commands (QoS 1) to the gateway's command
/// topics and subscribes to the gateway's event topics for the acks. Simulated time races ahead of the broker,
/// so a send waits (in real time, bounded) until the gateway has the command queued; the scenario then goes on
/// in simulated time exactly as with the line broker.
/// </summary>
public sealed class MqttHeadEndChannel : IHeadEndChannel
{
    private static readonly TimeSpan ArrivalWait = TimeSpan.FromSeconds(10);

    private readonly MqttNetLink _client;
    private readonly string _root;
    private readonly string _clientId;
    private readonly Func<long> _gatewayReceived;
    private int _packetId;

    /// <param name="client">An unconnected client to the gateway's broker.</param>
    /// <param name="root">openami/v1/{feederId}/{gatewayId}.</param>
    /// <param name="gatewayReceived">How many commands the gateway has taken from its link so far.</param>
    public MqttHeadEndChannel(MqttNetLink client, string root, string gatewayId, Func<long> gatewayReceived)
    {
        _client = client;
        _root = root;
        _clientId = "openami-headend-" + gatewayId;
        _gatewayReceived = gatewayReceived;
        _client.MessageReceived += (topic, payload, offset, count) => Received?.Invoke(topic, payload.AsSpan(offset, count).ToArray());
    }

    public event Action<string, byte[]>? Received;

    public void Send(string topic, byte[] payload)
    {
        if (!_client.IsConnected)
        {
            _client.Connect(new MqttConnectOptions { ClientId = _clientId, CleanSession = true, KeepAliveSeconds = 60 });
            _client.Subscribe(_root + "/meter/+/event", 1);
            _client.Subscribe(_root + "/event", 1);
        }

        long before = _gatewayReceived();
        _packetId = _packetId % 65535 + 1;
        _client.Publish(topic, payload, 0, payload.Length, 1, false, _packetId, false);
        var deadline = DateTime.UtcNow + ArrivalWait;
        while (_gatewayReceived() == before && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(2);
        }
    }

    public void Dispose() => _client.Dispose();
}
