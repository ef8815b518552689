namespace OpenAmi.Cellular.Mqtt
{
    /// <summary>
    /// Text of the &lt;err&gt; codes of the SIMCom MQTT(S) commands and URCs (SIM7500_SIM7600_SIM7800 Series MQTT AT Command
    /// Manual V1.00, "Summary of error codes"; the A76XX MQTT(S) manual uses the same numbering).
    /// </summary>
    public static class SimcomMqttErrors
    {
        public const int Success = 0;

        /// <summary>AT+CMQTTSTART when the service already runs: harmless.</summary>
        public const int NetworkIsOpened = 23;

        /// <summary>AT+CMQTTACCQ on an index still held (e.g. the ESP32 rebooted, the modem did not).</summary>
        public const int ClientIsUsed = 19;

        public static string Describe(int code)
        {
            switch (code)
            {
                case 0: return "operation succeeded";
                case 1: return "failed";
                case 2: return "bad UTF-8 string";
                case 3: return "sock connect fail";
                case 4: return "sock create fail";
                case 5: return "sock close fail";
                case 6: return "message receive fail";
                case 7: return "network open fail";
                case 8: return "network close fail";
                case 9: return "network not opened";
                case 10: return "client index error";
                case 11: return "no connection";
                case 12: return "invalid parameter";
                case 13: return "not supported operation";
                case 14: return "client is busy";
                case 15: return "require connection fail";
                case 16: return "sock sending fail";
                case 17: return "timeout";
                case 18: return "topic is empty";
                case 19: return "client is used";
                case 20: return "client not acquired";
                case 21: return "client not released";
                case 22: return "length out of range";
                case 23: return "network is opened";
                case 24: return "packet fail";
                case 25: return "DNS error";
                case 26: return "socket is closed by server";
                case 27: return "connection refused: unaccepted protocol version";
                case 28: return "connection refused: identifier rejected";
                case 29: return "connection refused: server unavailable";
                case 30: return "connection refused: bad user name or password";
                case 31: return "connection refused: not authorized";
                case 32: return "handshake fail";
                case 33: return "not set certificate";
                case 34: return "open session failed";
                case 35: return "disconnect from server failed";
                default: return "unknown error";
            }
        }
    }
}
