using System.Text;

namespace OpenAmi.Cellular.Tests.Support;

/// <summary>
/// Exchanges of the SIMCom MQTT(S) dialogue as the manual describes them (SIM7500_SIM7600_SIM7800 Series MQTT AT Command
/// Manual V1.00, section 2.2 command descriptions and their examples): command → OK, then the +CMQTTxxx result URC.
/// </summary>
public static class Scripts
{
    public const string Host = "broker.example";
    public const string Ca = "openami-ca.pem";

    public static ScriptedModem ModemReady(this ScriptedModem m) => m
        .Expect("AT+CMEE?").Reply("+CMEE: 0", "OK")
        .Expect("ATE0").Reply("OK")
        .Expect("AT+CMEE=1").Reply("OK")
        .Expect("AT+CTZU=1").Reply("OK");

    public static ScriptedModem NetworkReady(this ScriptedModem m) => m
        .Expect("AT+CPIN?").Reply("+CPIN: READY", "OK")
        .Expect("AT+CEREG?").Reply("+CEREG: 0,1", "OK");

    public static ScriptedModem MqttSession(this ScriptedModem m, string clientId, string? willTopic, string? willPayload = null) 
    {
        m.Expect("AT+CMQTTSTART").Reply("OK").After(200).Reply("+CMQTTSTART: 0").Acquired(clientId);
        if (willTopic != null)
        {
            m.Expect($"AT+CMQTTWILLTOPIC=0,{Encoding.UTF8.GetByteCount(willTopic)}").Prompt().ExpectData(willTopic).Reply("OK");
            if (willPayload != null)
            {
                m.Expect($"AT+CMQTTWILLMSG=0,{Encoding.UTF8.GetByteCount(willPayload)},1").Prompt().ExpectData(willPayload).Reply("OK");
            }
            else
            {
                m.ExpectPrefix("AT+CMQTTWILLMSG=0,").Prompt().ExpectDataOfCommandLength().Reply("OK");
            }
        }

        return m.Expect($"AT+CMQTTCONNECT=0,\"tcp://{Host}:8883\",60,0").Reply("OK").After(500).Reply("+CMQTTCONNECT: 0,0");
    }

    /// <summary>AT+CMQTTACCQ with server_type 1 (SSL/TLS), then SSL context 0 bound to client 0.</summary>
    public static ScriptedModem Acquired(this ScriptedModem m, string clientId) => m
        .Expect($"AT+CMQTTACCQ=0,\"{clientId}\",1").Reply("OK")
        .Expect("AT+CSSLCFG=\"sslversion\",0,4").Reply("OK")
        .Expect("AT+CSSLCFG=\"authmode\",0,1").Reply("OK")
        .Expect($"AT+CSSLCFG=\"cacert\",0,\"{Ca}\"").Reply("OK")
        .Expect("AT+CMQTTSSLCFG=0,0").Reply("OK");

    public static ScriptedModem Subscribed(this ScriptedModem m, string filter) => m
        .Expect($"AT+CMQTTSUBTOPIC=0,{Encoding.UTF8.GetByteCount(filter)},1").Prompt().ExpectData(filter).Reply("OK")
        .Expect("AT+CMQTTSUB=0").Reply("OK").After(300).Reply("+CMQTTSUB: 0,0");

    /// <summary>Topic and payload input, then AT+CMQTTPUB; <paramref name="payload"/> null accepts any bytes.</summary>
    public static ScriptedModem PublishInput(this ScriptedModem m, string topic, string? payload)
    {
        m.Expect($"AT+CMQTTTOPIC=0,{Encoding.UTF8.GetByteCount(topic)}").Prompt().ExpectData(topic).Reply("OK");
        return payload == null
            ? m.ExpectPrefix("AT+CMQTTPAYLOAD=0,").Prompt().ExpectDataOfCommandLength().Reply("OK")
            : m.Expect($"AT+CMQTTPAYLOAD=0,{Encoding.UTF8.GetByteCount(payload)}").Prompt().ExpectData(payload).Reply("OK");
    }

    public static ScriptedModem Published(this ScriptedModem m, string topic, string? payload, bool retain = false, bool dup = false, int result = 0) => m
        .PublishInput(topic, payload)
        .Expect($"AT+CMQTTPUB=0,1,60,{(retain ? 1 : 0)},{(dup ? 1 : 0)}").Reply("OK").After(400).Reply($"+CMQTTPUB: 0,{result}");
}
