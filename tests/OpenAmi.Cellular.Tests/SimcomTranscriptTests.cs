using System.Text;
using OpenAmi.Cellular.At;
using OpenAmi.Cellular.Modem;
using OpenAmi.Cellular.Mqtt;
using OpenAmi.Cellular.Tests.Support;
using OpenAmi.Northbound;
using static OpenAmi.Cellular.Tests.SimcomMqttLinkTests;

namespace OpenAmi.Cellular.Tests;

/// <summary>
/// Transcripts of the paths a pole relies on after a reset or a dropped link, with the modem answering as SIMCom's
/// documents describe (sources in <see cref="Scripts"/>: [SIM7600] SIM7500_SIM7600 Series MQTT(S) AT Command Manual V1.00,
/// [A7600] A7600 Series MQTT(S) Application Note, [SSL] the SSL AT command descriptions). Each test names the
/// section behind its lines; "inferred" marks a line no document prints (docs/cellular.md lists them).
/// </summary>
public sealed class SimcomTranscriptTests
{
    private const string Offline = "{\"state\":\"offline\"}";

    /// <summary>A7670: the power-on URCs of [A7600] (and the A76XX AT manual's power-on section).</summary>
    private static readonly string[] A7670Banner = ["*ATREADY: 1", "+CPIN: READY", "SMS DONE", "PB DONE"];

    private static ScriptedModem A7670Connected() =>
        new ScriptedModem().ModemReady().NetworkReady().MqttSession("G1", Will, Offline, ModemFamily.A76xx);

    /// <summary>Connects, lets the script drop the session, reconnects; returns why the session ended.</summary>
    private static string? DropThenReconnect(ScriptedModem modem)
    {
        (SimcomMqttLink link, Events events) = Open(modem, ModemFamily.A76xx);
        link.Connect(Options());
        link.Service(5000);
        Assert.False(link.IsConnected);
        Assert.Equal(1, events.Lost);
        string? reason = link.LastError;

        link.Connect(Options());

        Assert.True(link.IsConnected);
        Assert.True(modem.Done);
        return reason;
    }

    [Fact]
    public void Esp32_reset_with_the_modem_still_connected_ends_online_without_a_power_cycle()
    {
        // The ESP32 restarted, the A7670 did not: its MQTT service runs ([SIM7600] 2.2 AT+CMQTTSTART: "+CMQTTSTART: 23"
        // then ERROR) and client 0 is still acquired and connected ([SIM7600] error codes: 19 "client is used"). The documents
        // order disconnect before release, so DISC, REL, then ACCQ again.
        ScriptedModem modem = new ScriptedModem().ModemReady().NetworkReady()
            .LeftOverSessionTakenOver("G1", ModemFamily.A76xx)
            .Will(Will, Offline)
            .BrokerConnected();
        (SimcomMqttLink link, Events events) = Open(modem, ModemFamily.A76xx);

        link.Connect(Options());

        Assert.True(link.IsConnected);
        Assert.True(modem.Done);
        Assert.Empty(modem.PowerKey);
        Assert.Equal(0, events.Lost);
    }

    [Fact]
    public void Keepalive_failure_reconnects_by_disconnecting_before_release()
    {
        // [SIM7600] URC "+CMQTTPING: <client_index>,<err>": the keep-alive failed; the modem's client may still count as
        // connected, so the reconnect ends it the documented way (DISC, REL) before ACCQ. The service keeps running.
        ScriptedModem modem = A7670Connected().After(1000).Reply("+CMQTTPING: 0,17")
            .NetworkReady()
            .ClientEnded()
            .Acquired("G1", ModemFamily.A76xx).Will(Will, Offline).BrokerConnected();

        Assert.Contains("+CMQTTPING", DropThenReconnect(modem));
    }

    [Fact]
    public void No_network_restarts_the_service_on_the_next_connect()
    {
        // [SIM7600] URC "+CMQTTNONET": the network closed and the service with it; "restart by AT+CMQTTSTART".
        ScriptedModem modem = A7670Connected().After(2000).Reply("+CMQTTNONET")
            .NetworkReady()
            .Started()
            .Acquired("G1", ModemFamily.A76xx).Will(Will, Offline).BrokerConnected();

        Assert.Contains("+CMQTTNONET", DropThenReconnect(modem));
    }

    [Fact]
    public void Disconnect_uses_a_timeout_the_modem_accepts_then_releases_and_stops()
    {
        // [SIM7600] 2.2 AT+CMQTTDISC (<timeout> 0 or 60..180 s), AT+CMQTTREL, AT+CMQTTSTOP (OK then "+CMQTTSTOP: 0").
        ScriptedModem modem = A7670Connected()
            .ClientEnded()
            .Expect("AT+CMQTTSTOP").Reply("OK").After(100).Reply("+CMQTTSTOP: 0");
        (SimcomMqttLink link, Events events) = Open(modem, ModemFamily.A76xx);
        link.Connect(Options());

        link.Disconnect();

        Assert.True(modem.Done);
        Assert.Null(link.LastError);
        Assert.False(link.IsConnected);
        link.Service(0);
        Assert.Equal(0, events.Lost);
    }

    [Fact]
    public void A7670_restart_banner_then_a_fresh_session_asks_for_MQTT_3_1_1()
    {
        // The A7670 restarts mid-session with its own banner (*ATREADY: 1, not the SIM7600's RDY). The new session sets
        // AT+CMQTTCFG="version",0,4 after ACCQ: the A76xx otherwise connects as MQTT 3.1 [A7600].
        ScriptedModem modem = A7670Connected().After(3000).Reply(A7670Banner)
            .Expect("AT+CMEE?").Raw("AT+CMEE?\r").Reply("+CMEE: 0", "OK")
            .Expect("ATE0").Raw("ATE0\r").Reply("OK")
            .Expect("AT+CMEE=1").Reply("OK")
            .Expect("AT+CTZU=1").Reply("OK")
            .NetworkReady()
            .MqttSession("G1", Will, Offline, ModemFamily.A76xx);

        Assert.Contains("restarted", DropThenReconnect(modem));
        Assert.Equal(2, modem.Commands.Count(c => c == "AT+CMQTTCFG=\"version\",0,4"));
    }

    [Fact]
    public void Sim7600_gets_no_version_setting()
    {
        // [SIM7600] 2.2 has no AT+CMQTTCFG "version": its client speaks 3.1.1 (docs/cellular.md, module families).
        ScriptedModem modem = new ScriptedModem().ModemReady().NetworkReady().MqttSession("G1", Will, Offline, ModemFamily.Sim7600);
        (SimcomMqttLink link, _) = Open(modem, ModemFamily.Sim7600);
        link.Connect(Options());
        Assert.True(modem.Done);
        Assert.DoesNotContain(modem.Commands, c => c.StartsWith("AT+CMQTTCFG", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_result_before_OK_is_accepted()
    {
        // A SIM7600 log shows "+CMQTTSTART: 0" ahead of OK (inferred order; [SIM7600] 2.2 prints OK first).
        ScriptedModem modem = new ScriptedModem().ModemReady().NetworkReady()
            .Expect("AT+CMQTTSTART").Reply("+CMQTTSTART: 0", "OK")
            .Acquired("G1", ModemFamily.A76xx).Will(Will, Offline).BrokerConnected();
        (SimcomMqttLink link, _) = Open(modem, ModemFamily.A76xx);
        link.Connect(Options());
        Assert.True(link.IsConnected);
        Assert.True(modem.Done);
    }

    [Fact]
    public void Tls_to_a_broker_address_gets_no_SNI()
    {
        // RFC 6066 section 3: server_name carries a host name, never an address literal, so AT+CSSLCFG="enableSNI" is
        // sent only for names (the named-broker transcripts above all carry it [SSL]).
        ScriptedModem modem = new ScriptedModem().ModemReady().NetworkReady().Started()
            .Expect("AT+CMQTTACCQ=0,\"G1\",1").Reply("OK")
            .Expect("AT+CMQTTCFG=\"version\",0,4").Reply("OK")
            .Expect("AT+CSSLCFG=\"sslversion\",0,4").Reply("OK")
            .Expect("AT+CSSLCFG=\"authmode\",0,1").Reply("OK")
            .Expect($"AT+CSSLCFG=\"cacert\",0,\"{Scripts.Ca}\"").Reply("OK")
            .Expect("AT+CMQTTSSLCFG=0,0").Reply("OK")
            .Will(Will, Offline)
            .Expect("AT+CMQTTCONNECT=0,\"tcp://192.0.2.10:8883\",60,0").Reply("OK").After(500).Reply("+CMQTTCONNECT: 0,0");
        (SimcomMqttLink link, _) = Open(modem, ModemFamily.A76xx, host: "192.0.2.10");
        link.Connect(Options());
        Assert.True(link.IsConnected);
        Assert.True(modem.Done);
    }

    [Theory]
    [InlineData("broker.example", false)]
    [InlineData("mqtt.openami.org", false)]
    [InlineData("192.0.2.10", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("[2001:db8::1]", true)]
    [InlineData("1broker.example", false)]
    public void Broker_host_kind_decides_SNI(string host, bool literal)
    {
        // Address forms: RFC 791 dotted quad (192.0.2.0/24 is the RFC 5737 documentation range), RFC 4291 IPv6 text
        // (2001:db8::/32 per RFC 3849), RFC 3986 bracketed IP-literal.
        Assert.Equal(literal, BrokerHost.IsIpLiteral(host));
    }

    [Fact]
    public void The_failing_command_names_its_own_error_code()
    {
        // The modem answers a failing MQTT input command with "+CMQTTTOPIC: 0,<err>" then ERROR (the form of
        // [SIM7600] 2.2's error responses; code 11 "no connection" from [SIM7600] error codes). The link's error names it.
        ScriptedModem modem = A7670Connected().Expect($"AT+CMQTTTOPIC=0,{Topic.Length}").Reply("+CMQTTTOPIC: 0,11", "ERROR");
        (SimcomMqttLink link, Events events) = Open(modem, ModemFamily.A76xx);
        link.Connect(Options());

        ModemException error = Assert.Throws<ModemException>(() => link.Publish(Topic, [1, 2], 0, 2, 1, false, 3, false));

        Assert.Equal(ModemErrorKind.Mqtt, error.Kind);
        Assert.Equal(11, error.Code);
        Assert.Contains("AT+CMQTTTOPIC", error.Message);
        Assert.Contains("no connection", error.Message);
        Assert.False(link.IsConnected);
        link.Service(0);
        Assert.Equal(1, events.Lost);
    }

    [Fact]
    public void Modem_reported_publish_timeout_ends_the_session_with_its_reason()
    {
        // [SIM7600] 2.2 AT+CMQTTPUB: no answer from the broker within <pub_timeout> (60 s) → "+CMQTTPUB: 0,17" (timeout),
        // before the link's own margin would run out.
        ScriptedModem modem = A7670Connected().PublishInput(Topic, "x").Expect("AT+CMQTTPUB=0,1,60,0,0").Reply("OK")
            .After(60000).Reply("+CMQTTPUB: 0,17");
        (SimcomMqttLink link, Events events) = Open(modem, ModemFamily.A76xx);
        link.Connect(Options());
        link.Publish(Topic, [(byte)'x'], 0, 1, 1, false, 9, false);
        long sent = modem.NowMs;

        link.Service(61000);

        Assert.False(link.IsConnected);
        Assert.InRange(modem.NowMs - sent, 60000, 61000);
        Assert.Contains("timeout", link.LastError);
        Assert.Equal(1, events.Lost);
        Assert.Empty(events.Acks);
    }

    [Fact]
    public void Long_topic_and_payload_arrive_split_and_are_reassembled()
    {
        // [SIM7600] URCs +CMQTTRXTOPIC / +CMQTTRXPAYLOAD: a long topic or payload comes in several packets, each with
        // its own length; a SIM7600 log of a 2039-byte payload shows 1500 bytes then the rest (inferred chunk size).
        string topicA = "openami/v1/F1/G1/meter/";
        string topicB = "M1/command";
        string payload = new string('p', 2039);
        ScriptedModem modem = A7670Connected()
            .Reply($"+CMQTTRXSTART: 0,{topicA.Length + topicB.Length},{payload.Length}")
            .Reply($"+CMQTTRXTOPIC: 0,{topicA.Length}").Raw(topicA)
            .Reply($"+CMQTTRXTOPIC: 0,{topicB.Length}").Raw(topicB)
            .Reply("+CMQTTRXPAYLOAD: 0,1500").Raw(payload[..1500])
            .Reply("+CMQTTRXPAYLOAD: 0,539").Raw(payload[1500..])
            .Reply("+CMQTTRXEND: 0");
        modem.MaxChunk = 64;
        (SimcomMqttLink link, Events events) = Open(modem, ModemFamily.A76xx, maxPayload: 4096);
        link.Connect(Options());

        link.Service(2000);

        Assert.Equal([(topicA + topicB, payload)], events.Messages);
        Assert.Equal(0, link.DroppedMessages);
        Assert.True(link.IsConnected);
    }

    [Theory]
    [InlineData(59)]
    [InlineData(181)]
    [InlineData(1)]
    public void Publish_timeout_outside_the_command_range_is_refused_when_the_link_is_built(int seconds)
    {
        // [SIM7600] 2.2 AT+CMQTTPUB: <pub_timeout> 60..180.
        ScriptedModem modem = new();
        AtChannel channel = new(modem, modem, 256);
        ModemControl control = new(channel, modem, new ModemOptions());
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new SimcomMqttLink(channel, control, new CellularMqttOptions { Host = Scripts.Host, PublishTimeoutSeconds = seconds }));
        Assert.Contains("60..180", error.Message);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(180)]
    public void Publish_timeout_at_the_range_ends_is_used(int seconds)
    {
        ScriptedModem modem = new();
        AtChannel channel = new(modem, modem, 256);
        ModemControl control = new(channel, modem, new ModemOptions());
        SimcomMqttLink link = new(channel, control, new CellularMqttOptions { Host = Scripts.Host, PublishTimeoutSeconds = seconds });
        Assert.False(link.IsConnected);
    }
}
