// Upstream: github.com/nanoframework/nanoFramework.m2mqtt tag v5.1.215 (commit f999aaa1376fa56ddc8b1443354af81a3fb3d301),
// nanoFramework.M2Mqtt.Core/{IMqttClient,MqttSslProtocols,Messages/*}.cs. The package nanoFramework.M2Mqtt ships this
// assembly beside nanoFramework.M2Mqtt.dll: the client's interface, its delegates and event arguments, and the enums
// live here, so an application that handles MQTT events references both assemblies.
namespace nanoFramework.M2Mqtt
{
    using System;
    using System.Collections;
    using nanoFramework.M2Mqtt.Messages;

    public enum MqttSslProtocols { None, SSLv3, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3 }

    public interface IMqttClient
    {
        bool IsConnected { get; }

        MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod);

        void Disconnect();

        ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels);

        ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain);

        void Close();

        delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        event MqttMsgPublishEventHandler MqttMsgPublishReceived;

        delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        event MqttMsgPublishedEventHandler MqttMsgPublished;

        delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

        event MqttMsgSubscribedEventHandler MqttMsgSubscribed;

        delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

        event ConnectionClosedEventHandler ConnectionClosed;
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    using System;

    public enum MqttQoSLevel { AtMostOnce = 0x00, AtLeastOnce = 0x01, ExactlyOnce = 0x02, GrantedFailure = 0x80 }

    public enum MqttReasonCode { Success = 0x00 }

    public class MqttMsgPublishEventArgs : EventArgs
    {
        public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain) { }
        public string Topic => throw null;
        public byte[] Message => throw null;
        public bool DupFlag => throw null;
        public bool Retain => throw null;
    }

    public class MqttMsgPublishedEventArgs : EventArgs
    {
        public MqttMsgPublishedEventArgs(ushort messageId, bool isPublished) { }
        public ushort MessageId { get => throw null; set => throw null; }
        public bool IsPublished { get => throw null; set => throw null; }
    }

    public class MqttMsgSubscribedEventArgs : EventArgs
    {
        public MqttMsgSubscribedEventArgs(ushort messageId, MqttQoSLevel[] grantedQosLevels) { }
        public ushort MessageId => throw null;
        public MqttQoSLevel[] GrantedQoSLevels => throw null;
    }
}
