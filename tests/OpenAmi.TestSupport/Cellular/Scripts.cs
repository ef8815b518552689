using System.Text;
using OpenAmi.Cellular.Modem;

namespace OpenAmi.TestSupport;

/// <summary>
/// Exchanges of the SIMCom MQTT(S) dialogue. Sources, cited beside each part: [SIM7600] SIM7500_SIM7600 Series MQTT(S) AT
/// Command Manual V1.00, section 2.2 (command descriptions, examples) and its URC and error-code tables; [A7600] A7600
/// Series MQTT(S) Application Note V1.00 (the A76xx MQTT(S) flow and its AT+CMQTTCFG); [SSL] the series' SSL AT command
/// descriptions (AT+CSSLCFG). Lines marked "inferred" are not printed in those documents (docs/cellular.md, "Transcripts").
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

    /// <summary>[SIM7600] 2.2 AT+CMQTTSTART example: OK, then +CMQTTSTART: 0.</summary>
    public static ScriptedModem Started(this ScriptedModem m) => m.Expect("AT+CMQTTSTART").Reply("OK").After(200).Reply("+CMQTTSTART: 0");

    public static ScriptedModem MqttSession(this ScriptedModem m, string clientId, string? willTopic, string? willPayload = null, ModemFamily family = ModemFamily.Sim7600) =>
        m.Started().Acquired(clientId, family).Will(willTopic, willPayload).BrokerConnected();

    /// <summary>[SIM7600] 2.2 AT+CMQTTWILLTOPIC / AT+CMQTTWILLMSG: prompt, the bytes, OK.</summary>
    public static ScriptedModem Will(this ScriptedModem m, string? willTopic, string? willPayload)
    {
        if (willTopic == null)
        {
            return m;
        }

        m.Expect($"AT+CMQTTWILLTOPIC=0,{Encoding.UTF8.GetByteCount(willTopic)}").Prompt().ExpectData(willTopic).Reply("OK");
        return willPayload != null
            ? m.Expect($"AT+CMQTTWILLMSG=0,{Encoding.UTF8.GetByteCount(willPayload)},1").Prompt().ExpectData(willPayload).Reply("OK")
            : m.ExpectPrefix("AT+CMQTTWILLMSG=0,").Prompt().ExpectDataOfCommandLength().Reply("OK");
    }

    /// <summary>[SIM7600] 2.2 AT+CMQTTCONNECT example: OK, then +CMQTTCONNECT: 0,0 once CONNACK arrived.</summary>
    public static ScriptedModem BrokerConnected(this ScriptedModem m) =>
        m.Expect($"AT+CMQTTCONNECT=0,\"tcp://{Host}:8883\",60,0").Reply("OK").After(500).Reply("+CMQTTCONNECT: 0,0");

    /// <summary>
    /// AT+CMQTTACCQ with server_type 1 (SSL/TLS) [SIM7600 2.2]; on the A76xx MQTT 3.1.1 chosen with AT+CMQTTCFG="version",0,4
    /// [A7600]; SSL context 0 with server authentication, the CA file and SNI for the broker's name [SSL], bound to client 0
    /// with AT+CMQTTSSLCFG [SIM7600 2.2].
    /// </summary>
    public static ScriptedModem Acquired(this ScriptedModem m, string clientId, ModemFamily family = ModemFamily.Sim7600)
    {
        m.Expect($"AT+CMQTTACCQ=0,\"{clientId}\",1").Reply("OK");
        if (family == ModemFamily.A76xx)
        {
            m.Expect("AT+CMQTTCFG=\"version\",0,4").Reply("OK");
        }

        return m
            .Expect("AT+CSSLCFG=\"sslversion\",0,4").Reply("OK")
            .Expect("AT+CSSLCFG=\"authmode\",0,1").Reply("OK")
            .Expect($"AT+CSSLCFG=\"cacert\",0,\"{Ca}\"").Reply("OK")
            .Expect("AT+CSSLCFG=\"enableSNI\",0,1").Reply("OK")
            .Expect("AT+CMQTTSSLCFG=0,0").Reply("OK");
    }

    /// <summary>
    /// The documented teardown of a client that is still connected: AT+CMQTTDISC=0,120 → OK, +CMQTTDISC: 0,0 [SIM7600 2.2
    /// AT+CMQTTDISC example; timeout range 60..180], then AT+CMQTTREL=0 → OK [SIM7600 2.2 AT+CMQTTREL].
    /// </summary>
    public static ScriptedModem ClientEnded(this ScriptedModem m) => m
        .Expect("AT+CMQTTDISC=0,120").Reply("OK").After(300).Reply("+CMQTTDISC: 0,0")
        .Expect("AT+CMQTTREL=0").Reply("OK");

    /// <summary>
    /// The same teardown when the broker connection is already gone (after +CMQTTCONNLOST): DISC names error 11 "no
    /// connection" before ERROR (inferred from [SIM7600] error codes and the "+CMQTTxxx: idx,err then ERROR" form of
    /// the failing commands), REL still releases.
    /// </summary>
    public static ScriptedModem ClientEndedWhileDisconnected(this ScriptedModem m) => m
        .Expect("AT+CMQTTDISC=0,120").Reply("+CMQTTDISC: 0,11", "ERROR")
        .Expect("AT+CMQTTREL=0").Reply("OK");

    /// <summary>
    /// The modem kept its MQTT service and client 0 across an ESP32-only restart: START answers 23 "network is opened"
    /// then ERROR and ACCQ 19 "client is used" then ERROR ([SIM7600] 2.2 and error codes); the documented teardown, then ACCQ again.
    /// </summary>
    public static ScriptedModem LeftOverSessionTakenOver(this ScriptedModem m, string clientId, ModemFamily family = ModemFamily.Sim7600) => m
        .Expect("AT+CMQTTSTART").Reply("+CMQTTSTART: 23", "ERROR")
        .Expect($"AT+CMQTTACCQ=0,\"{clientId}\",1").Reply("+CMQTTACCQ: 0,19", "ERROR")
        .ClientEnded()
        .Acquired(clientId, family);

    /// <summary>[SIM7600] 2.2 AT+CMQTTSUBTOPIC / AT+CMQTTSUB: prompt, bytes, OK; then +CMQTTSUB: 0,0 on SUBACK.</summary>
    public static ScriptedModem Subscribed(this ScriptedModem m, string filter) => m
        .Expect($"AT+CMQTTSUBTOPIC=0,{Encoding.UTF8.GetByteCount(filter)},1").Prompt().ExpectData(filter).Reply("OK")
        .Expect("AT+CMQTTSUB=0").Reply("OK").After(300).Reply("+CMQTTSUB: 0,0");

    /// <summary>[SIM7600] 2.2 AT+CMQTTTOPIC / AT+CMQTTPAYLOAD; <paramref name="payload"/> null accepts any bytes.</summary>
    public static ScriptedModem PublishInput(this ScriptedModem m, string topic, string? payload)
    {
        m.Expect($"AT+CMQTTTOPIC=0,{Encoding.UTF8.GetByteCount(topic)}").Prompt().ExpectData(topic).Reply("OK");
        return payload == null
            ? m.ExpectPrefix("AT+CMQTTPAYLOAD=0,").Prompt().ExpectDataOfCommandLength().Reply("OK")
            : m.Expect($"AT+CMQTTPAYLOAD=0,{Encoding.UTF8.GetByteCount(payload)}").Prompt().ExpectData(payload).Reply("OK");
    }

    /// <summary>[SIM7600] 2.2 AT+CMQTTPUB example: OK, then +CMQTTPUB: 0,&lt;err&gt;.</summary>
    public static ScriptedModem Published(this ScriptedModem m, string topic, string? payload, bool retain = false, bool dup = false, int result = 0) => m
        .PublishInput(topic, payload)
        .Expect($"AT+CMQTTPUB=0,1,60,{(retain ? 1 : 0)},{(dup ? 1 : 0)}").Reply("OK").After(400).Reply($"+CMQTTPUB: 0,{result}");
}
