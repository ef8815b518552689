using System.Text;
using OpenAmi.Firmware.Esp32.Adapters.Storage;
using OpenAmi.Json;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>
    /// The provisioned settings the device layer itself needs (broker address, credentials, certificate and key file
    /// names), read from I:\openami.json (docs/provisioning/openami.json). Secrets are files on I:\ deployed with
    /// nanoff --filedeployment; Wi-Fi credentials are in the device's network configuration (nanoff --networkdeployment).
    /// Only presence and ranges are checked here: the gateway's own configuration (meters, lines, tariffs) belongs to
    /// OpenAmi.Gateway's Config layer.
    /// </summary>
    public sealed class BoardConfig
    {
        public const string FileName = "openami.json";

        public string GatewayId { get; private set; }

        public string MqttHost { get; private set; }

        public int MqttPort { get; private set; }

        public string MqttUsername { get; private set; }

        public string MqttPassword { get; private set; }

        public int KeepAliveSeconds { get; private set; }

        public string CaCertificateFile { get; private set; }

        public string CommandKeyFile { get; private set; }

        /// <summary>APN of the modem's data context (cellular.apn); null leaves the one stored in the modem.</summary>
        public string CellularApn { get; private set; }

        /// <summary>A76xx only (cellular.mqttVersion): 4 = MQTT 3.1.1, 3 = MQTT 3.1; 0 (absent) for SIM7600.</summary>
        public int CellularMqttVersion { get; private set; }

        /// <summary>Reads and checks the file; a missing file or a bad field is a <see cref="JsonException"/> naming it.</summary>
        public static BoardConfig Load()
        {
            byte[] bytes = FlashFileStore.ReadAll(FileName);
            if (bytes == null)
            {
                throw new JsonException("I:\\" + FileName + " is missing: provision the board (docs/flashing.md step 5)");
            }

            JsonNode root = JsonParser.Parse(bytes, 0, bytes.Length);
            JsonNode mqtt = root.Require("mqtt");
            var config = new BoardConfig
            {
                GatewayId = NonEmpty(root, "gatewayId"),
                MqttHost = NonEmpty(mqtt, "host"),
                MqttPort = (int)InRange(mqtt, "port", 1, 65535),
                MqttUsername = NonEmpty(mqtt, "username"),
                MqttPassword = NonEmpty(mqtt, "password"),
                KeepAliveSeconds = (int)InRange(mqtt, "keepAliveSeconds", 10, 65535),
                CaCertificateFile = NonEmpty(mqtt, "caCertificateFile"),
                CommandKeyFile = NonEmpty(root, "commandKeyFile"),
            };
            if (root.Has("cellular"))
            {
                ReadCellular(root.Require("cellular"), config);
            }

            return config;
        }

        /// <summary>A provisioned secret file's bytes; a missing one is a <see cref="JsonException"/> naming it.</summary>
        public static byte[] ReadSecret(string fileName)
        {
            byte[] bytes = FlashFileStore.ReadAll(fileName);
            if (bytes == null || bytes.Length == 0)
            {
                throw new JsonException("I:\\" + fileName + " is missing or empty: provision the board (docs/flashing.md step 5)");
            }

            return bytes;
        }

        private static void ReadCellular(JsonNode cellular, BoardConfig config)
        {
            if (cellular.Has("apn"))
            {
                config.CellularApn = NonEmpty(cellular, "apn");
            }

            if (cellular.Has("mqttVersion"))
            {
                config.CellularMqttVersion = (int)InRange(cellular, "mqttVersion", 3, 4);
            }
        }

        private static string NonEmpty(JsonNode node, string name)
        {
            string value = node.GetString(name);
            if (value.Length == 0)
            {
                throw new JsonException(name + " must not be empty");
            }

            return value;
        }

        private static long InRange(JsonNode node, string name, long min, long max)
        {
            long value = node.GetLong(name);
            if (value < min || value > max)
            {
                var message = new StringBuilder(name);
                message.Append(" must be ").Append(min.ToString()).Append("..").Append(max.ToString());
                throw new JsonException(message.ToString());
            }

            return value;
        }
    }
}
