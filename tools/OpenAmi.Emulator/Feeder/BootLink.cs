using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The MQTT link as one boot of the gateway sees it. A reboot ends the boot (<see cref="PowerOff"/>): the old
/// gateway objects hear nothing more from the shared link and can send nothing, as on a device whose RAM is gone,
/// while the next boot gets a fresh <see cref="BootLink"/> over the same connection.
/// </summary>
public sealed class BootLink : IMqttLink
{
    private readonly IMqttLink _link;
    private bool _off;

    public BootLink(IMqttLink link)
    {
        _link = link;
        link.MessageReceived += OnMessage;
        link.PublishAcknowledged += OnAcknowledged;
        link.ConnectionLost += OnConnectionLost;
    }

    public event MqttMessageHandler? MessageReceived;

    public event MqttAckHandler? PublishAcknowledged;

    public event MqttLinkHandler? ConnectionLost;

    public bool IsConnected => !_off && _link.IsConnected;

    /// <summary>The boot ends: detached from the link, which is closed if it was open (the device's TCP dies with it).</summary>
    public void PowerOff()
    {
        _off = true;
        _link.MessageReceived -= OnMessage;
        _link.PublishAcknowledged -= OnAcknowledged;
        _link.ConnectionLost -= OnConnectionLost;
        if (_link.IsConnected)
        {
            _link.Disconnect();
        }
    }

    public void Connect(MqttConnectOptions options) => Live().Connect(options);

    public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate) =>
        Live().Publish(topic, payload, offset, count, qos, retain, packetId, duplicate);

    public void Subscribe(string topicFilter, int qos) => Live().Subscribe(topicFilter, qos);

    public void Disconnect() => Live().Disconnect();

    private IMqttLink Live() => _off ? throw new NorthboundException("this boot of the gateway is over") : _link;

    private void OnMessage(string topic, byte[] payload, int offset, int count) => MessageReceived?.Invoke(topic, payload, offset, count);

    private void OnAcknowledged(int packetId) => PublishAcknowledged?.Invoke(packetId);

    private void OnConnectionLost() => ConnectionLost?.Invoke();
}
