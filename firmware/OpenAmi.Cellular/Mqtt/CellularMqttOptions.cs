using OpenAmi.Cellular.Modem;

namespace OpenAmi.Cellular.Mqtt
{
    /// <summary>Where and how the modem's MQTT client connects (what goes into CONNECT itself is MqttConnectOptions).</summary>
    public sealed class CellularMqttOptions
    {
        public string Host { get; set; }

        public int Port { get; set; } = 8883;

        /// <summary>TLS through the modem's SSL context (AT+CMQTTACCQ server_type 1 and AT+CMQTTSSLCFG).</summary>
        public bool UseTls { get; set; } = true;

        /// <summary>Name of the CA certificate file on the modem (stored with ModemControl.StoreCertificate).</summary>
        public string CaCertificateFile { get; set; } = "openami-ca.pem";

        /// <summary>
        /// AT+CMQTTPUB &lt;pub_timeout&gt;: seconds the modem waits for the broker's answer; the command accepts 60..180
        /// (checked when the link is built).
        /// </summary>
        public int PublishTimeoutSeconds { get; set; } = 60;

        /// <summary>How long to wait for +CMQTTCONNECT (TCP, TLS handshake and CONNACK over a slow cell).</summary>
        public int ConnectTimeoutMs { get; set; } = 60000;

        /// <summary>The fitted module: decides the MQTT version setting (docs/cellular.md, "Module families").</summary>
        public ModemFamily Family { get; set; } = ModemFamily.A76xx;

        /// <summary>Largest received payload kept; bigger command messages are dropped and counted.</summary>
        public int MaxIncomingPayload { get; set; } = 2048;

        /// <summary>Largest received topic kept.</summary>
        public int MaxIncomingTopic { get; set; } = 256;
    }
}
