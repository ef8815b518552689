using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using OpenAmi.Cellular.Tls;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Firmware.Esp32.Adapters.Mqtt
{
    /// <summary>
    /// The northbound MQTT link over Wi-Fi: nanoFramework.M2Mqtt, MQTT 3.1.1 over TLS 1.2 with the broker's CA certificate
    /// from I:\. Differences from the port's ideal that the outbox tolerates (all stay within QoS 1 "at least once"):
    /// M2Mqtt chooses its own packet identifiers (mapped back to the caller's here), cannot set DUP on a re-send, and
    /// retries an unacknowledged QoS 1 PUBLISH itself within one connection. A publish M2Mqtt gives up on is simply never
    /// acknowledged, so the outbox re-sends it after the next connect.
    /// </summary>
    public sealed class M2MqttLink : IMqttLink
    {
        private const int SubscribeTimeoutMs = 30000;
        private const int SubackFailure = 0x80;

        private readonly string _host;
        private readonly int _port;
        private readonly byte[] _caCertificate;
        private readonly object _sync = new object();
        private readonly Hashtable _packetIds = new Hashtable();
        private readonly AutoResetEvent _subscribed = new AutoResetEvent(false);
        private MqttClient _client;
        private int _awaitedSubscribe = -1;
        private bool _subscribeRefused;
        private bool _closing;

        /// <param name="caCertificate">PEM or DER bytes of the broker's CA as provisioned (provisioned file, never compiled in); PEM needs no terminator.</param>
        public M2MqttLink(string host, int port, byte[] caCertificate)
        {
            _host = host;
            _port = port;
            _caCertificate = caCertificate;
        }

        public event MqttMessageHandler MessageReceived;

        public event MqttAckHandler PublishAcknowledged;

        public event MqttLinkHandler ConnectionLost;

        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        public void Connect(MqttConnectOptions options)
        {
            Close();
            bool will = options.WillTopic != null;
            string willMessage = will && options.WillPayload != null
                ? Encoding.UTF8.GetString(options.WillPayload, 0, options.WillPayload.Length)
                : null;
            MqttClient client = null;
            MqttReasonCode code;
            try
            {
                // Inside the try: a certificate the parser rejects (or any other set-up failure) must reach the caller as
                // a NorthboundException, so the fallback link goes on to cellular instead of the exception escaping it.
                var ca = new X509Certificate(CaCertificateText.ForParser(_caCertificate));
                client = new MqttClient(_host, _port, true, ca, null, MqttSslProtocols.TLSv1_2);
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgPublished += OnPublished;
                client.MqttMsgSubscribed += OnSubscribed;
                client.ConnectionClosed += OnConnectionClosed;
                code = client.Connect(options.ClientId, options.Username, options.Password, options.WillRetain,
                    (MqttQoSLevel)options.WillQos, will, options.WillTopic, willMessage, options.CleanSession,
                    (ushort)options.KeepAliveSeconds);
            }
            catch (Exception ex)
            {
                client?.Close();
                throw new NorthboundException("MQTT connect to " + _host + " failed: " + ex.Message, ex);
            }

            if (code != MqttReasonCode.Success)
            {
                client.Close();
                throw new NorthboundException("MQTT broker refused the connection, CONNACK code " + ((int)code).ToString());
            }

            lock (_sync)
            {
                _packetIds.Clear();
                _closing = false;
                _client = client;
            }
        }

        public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                throw new NorthboundException("MQTT link is not connected");
            }

            // M2Mqtt takes the whole array as the payload.
            var message = new byte[count];
            Array.Copy(payload, offset, message, 0, count);
            lock (_sync)
            {
                // Under the lock so a PUBACK handled on M2Mqtt's thread finds the mapping.
                ushort clientId = client.Publish(topic, message, null, null, (MqttQoSLevel)qos, retain);
                if (qos > 0)
                {
                    _packetIds[(int)clientId] = packetId;
                }
            }
        }

        public void Subscribe(string topicFilter, int qos)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected)
            {
                throw new NorthboundException("MQTT link is not connected");
            }

            lock (_sync)
            {
                _subscribed.Reset();
                _awaitedSubscribe = client.Subscribe(new[] { topicFilter }, new[] { (MqttQoSLevel)qos });
            }

            if (!_subscribed.WaitOne(SubscribeTimeoutMs, false))
            {
                throw new NorthboundException("no SUBACK for " + topicFilter);
            }

            if (_subscribeRefused)
            {
                throw new NorthboundException("broker refused the subscription to " + topicFilter);
            }
        }

        public void Disconnect()
        {
            MqttClient client;
            lock (_sync)
            {
                _closing = true;
                client = _client;
                _client = null;
            }

            if (client != null && client.IsConnected)
            {
                client.Disconnect();
            }
        }

        private void Close()
        {
            MqttClient client;
            lock (_sync)
            {
                _closing = true;
                client = _client;
                _client = null;
            }

            client?.Close();
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            byte[] payload = e.Message ?? new byte[0];
            MessageReceived?.Invoke(e.Topic, payload, 0, payload.Length);
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (!e.IsPublished)
            {
                return;
            }

            object packetId;
            lock (_sync)
            {
                int key = e.MessageId;
                packetId = _packetIds[key];
                _packetIds.Remove(key);
            }

            if (packetId != null)
            {
                PublishAcknowledged?.Invoke((int)packetId);
            }
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            lock (_sync)
            {
                if (e.MessageId != _awaitedSubscribe)
                {
                    return;
                }

                MqttQoSLevel[] granted = e.GrantedQoSLevels;
                _subscribeRefused = granted == null || granted.Length == 0 || (int)granted[0] >= SubackFailure;
            }

            _subscribed.Set();
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            bool lost;
            lock (_sync)
            {
                lost = !_closing && sender == _client;
                _closing = true;
            }

            if (lost)
            {
                ConnectionLost?.Invoke();
            }
        }
    }
}
