// Checked against nanoframework/nanoFramework.m2mqtt M2Mqtt/MqttClient.cs (package nanoFramework.M2Mqtt 5.1.x) and,
// for the nanoFramework.M2Mqtt.Core types whose sources are not in that repository, the IMqttClient copy in
// nanoframework/nanoFramework.IoT.Device (AtModem, "compatible with the full nanoFramework M2Mqtt client") plus
// nanoframework/paho.mqtt.m2mqtt M2Mqtt/{MqttSecurity,Messages/*EventArgs,Messages/MqttReasonCode}.cs.
// Device facts from MqttClient.cs: Publish picks its own message id and queues the message (QoS 1 is retried by the
// client itself, DelayOnRetry/AttemptsOnRetry); the will message is a string; Connect returns the CONNACK code.
namespace nanoFramework.M2Mqtt
{
    using System;
    using System.Collections;
    using System.Security.Cryptography.X509Certificates;
    using nanoFramework.M2Mqtt.Messages;

    public enum MqttSslProtocols { None, SSLv3, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3 }

    public interface IMqttClient
    {
        delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

        bool IsConnected { get; }
    }

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

namespace nanoFramework.M2Mqtt.Messages
{
    using System;

    public enum MqttQoSLevel { AtMostOnce = 0x00, AtLeastOnce = 0x01, ExactlyOnce = 0x02 }

    public enum MqttReasonCode { Success = 0x00 }

    public class MqttMsgPublishEventArgs : EventArgs
    {
        public string Topic => throw null;
        public byte[] Message => throw null;
        public bool DupFlag => throw null;
        public bool Retain => throw null;
    }

    public class MqttMsgPublishedEventArgs : EventArgs
    {
        public ushort MessageId => throw null;
        public bool IsPublished => throw null;
    }

    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        public ushort MessageId => throw null;
        public MqttQoSLevel[] GrantedQoSLevels => throw null;
    }
}
