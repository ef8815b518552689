// Upstream: github.com/nanoframework/nanoFramework.m2mqtt tag v5.1.215 (commit f999aaa1376fa56ddc8b1443354af81a3fb3d301),
// M2Mqtt/MqttClient.cs. The interface, delegates, event arguments and enums the client uses are in the assembly
// nanoFramework.M2Mqtt.Core (../nanoFramework.M2Mqtt.Core).
// Device facts from MqttClient.cs: Publish picks its own message id and queues the message (QoS 1 is retried by the
// client itself, DelayOnRetry/AttemptsOnRetry); the will message is a string; Connect returns the CONNACK code.
namespace nanoFramework.M2Mqtt
{
    using System;
    using System.Collections;
    using System.Security.Cryptography.X509Certificates;
    using nanoFramework.M2Mqtt.Messages;

    public class MqttClient : IMqttClient, IDisposable
    {
        public MqttClient(string brokerHostName, int brokerPort, bool secure, X509Certificate caCert, X509Certificate clientCert, MqttSslProtocols sslProtocol) { }

        public event IMqttClient.MqttMsgPublishEventHandler MqttMsgPublishReceived;

        public event IMqttClient.MqttMsgPublishedEventHandler MqttMsgPublished;

        public event IMqttClient.MqttMsgSubscribedEventHandler MqttMsgSubscribed;

        public event IMqttClient.ConnectionClosedEventHandler ConnectionClosed;

        public bool IsConnected => throw null;

        public MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod) => throw null;

        public void Disconnect() => throw null;

        public void Close() => throw null;

        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels) => throw null;

        public ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain) => throw null;

        public void Dispose() => throw null;
    }
}
