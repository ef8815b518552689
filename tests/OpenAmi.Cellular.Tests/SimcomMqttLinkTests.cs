using System.Text;
using OpenAmi.Cellular.At;
using OpenAmi.Cellular.Modem;
using OpenAmi.Cellular.Mqtt;
using OpenAmi.Cellular.Tests.Support;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Outbox;

namespace OpenAmi.Cellular.Tests;

/// <summary>The modem-MQTT link against scripted SIMCom exchanges (SIM7500_SIM7600_SIM7800 MQTT AT Command Manual V1.00).</summary>
public sealed class SimcomMqttLinkTests
{
    internal const string Will = "openami/v1/F1/G1/status";
    internal const string Topic = "openami/v1/F1/G1/meter/M1/telemetry";

    internal sealed class Events
    {
        public List<int> Acks { get; } = [];

        public List<(string Topic, string Payload)> Messages { get; } = [];

        public int Lost { get; set; }
    }

    internal static (SimcomMqttLink, Events) Open(ScriptedModem modem, ModemFamily family = ModemFamily.Sim7600, string host = Scripts.Host, int maxPayload = 2048)
    {
        AtChannel channel = new(modem, modem, 256);
        ModemControl control = new(channel, modem, new ModemOptions());
        SimcomMqttLink link = new(channel, control, new CellularMqttOptions { Host = host, CaCertificateFile = Scripts.Ca, Family = family, MaxIncomingPayload = maxPayload });
        Events events = new();
        link.PublishAcknowledged += id => events.Acks.Add(id);
        link.MessageReceived += (t, p, o, c) => events.Messages.Add((t, Encoding.UTF8.GetString(p, o, c)));
        link.ConnectionLost += () => events.Lost++;
        return (link, events);
    }

    internal static MqttConnectOptions Options() => new()
    {
        ClientId = "G1",
        KeepAliveSeconds = 60,
        WillTopic = Will,
        WillPayload = Encoding.UTF8.GetBytes("{\"state\":\"offline\"}"),
    };

    private static ScriptedModem Connected() => new ScriptedModem().ModemReady().NetworkReady().MqttSession("G1", Will, "{\"state\":\"offline\"}");

    [Fact]
    public void Connect_publish_subscribe_and_receive()
    {
        string command = "{\"id\":\"c1\",\n\"type\":\"read-now\"}";
        string filter = "openami/v1/F1/G1/meter/+/command";
        string commandTopic = "openami/v1/F1/G1/meter/M1/command";
        ScriptedModem modem = Connected()
            .Subscribed(filter)
            .Published(Topic, "{\"v\":1}")
            // A received message: RXSTART, topic and payload as counted raw bytes (the payload holds a line feed).
            .Reply("+CMQTTRXSTART: 0," + commandTopic.Length + "," + command.Length)
            .Reply("+CMQTTRXTOPIC: 0," + commandTopic.Length).Raw(commandTopic)
            .Reply("+CMQTTRXPAYLOAD: 0," + command.Length).Raw(command)
            .Reply("+CMQTTRXEND: 0");
        modem.MaxChunk = 5;
        (SimcomMqttLink link, Events events) = Open(modem);

        link.Connect(Options());
        Assert.True(link.IsConnected);
        link.Subscribe(filter, 1);
        byte[] payload = Encoding.UTF8.GetBytes("{\"v\":1}");
        link.Publish(Topic, payload, 0, payload.Length, 1, false, 42, false);
        Assert.Empty(events.Acks);
        link.Service(2000);

        Assert.Equal([42], events.Acks);
        Assert.Equal(0, link.DroppedMessages);
        Assert.Equal([(commandTopic, command)], events.Messages);
        Assert.Equal(0, events.Lost);
        Assert.True(modem.Done);
        Assert.Equal("{\"state\":\"offline\"}", Encoding.UTF8.GetString(modem.DataBlocks[1]));
    }

    [Fact]
    public void Broker_refusal_is_a_northbound_error_with_the_manual_text()
    {
        ScriptedModem modem = new ScriptedModem().ModemReady().NetworkReady()
            .LeftOverSessionTakenOver("G1")
            .Expect("AT+CMQTTCONNECT=0,\"tcp://broker.example:8883\",60,1,\"u\",\"p\"").Reply("OK").After(900).Reply("+CMQTTCONNECT: 0,30");
        (SimcomMqttLink link, _) = Open(modem);

        // 23 "network is opened" and 19 "client is used" are recovered; 30 is "bad user name or password".
        NorthboundException error = Assert.ThrowsAny<NorthboundException>(() =>
            link.Connect(new MqttConnectOptions { ClientId = "G1", KeepAliveSeconds = 60, CleanSession = true, Username = "u", Password = "p" }));
        Assert.Contains("bad user name or password", error.Message);
        Assert.Equal(30, ((ModemException)error).Code);
        Assert.False(link.IsConnected);
    }

    [Fact]
    public void Cme_error_during_publish_ends_the_session_once()
    {
        ScriptedModem modem = Connected().Expect($"AT+CMQTTTOPIC=0,{Topic.Length}").Reply("+CME ERROR: 4");
        (SimcomMqttLink link, Events events) = Open(modem);
        link.Connect(Options());
        byte[] payload = [1, 2, 3];
        ModemException error = Assert.Throws<ModemException>(() => link.Publish(Topic, payload, 0, 3, 1, false, 7, false));
        Assert.Equal(ModemErrorKind.CmeError, error.Kind);
        Assert.False(link.IsConnected);
        link.Service(0);
        link.Service(0);
        Assert.Equal(1, events.Lost);
        Assert.Empty(events.Acks);
        Assert.ThrowsAny<NorthboundException>(() => link.Publish(Topic, payload, 0, 3, 1, false, 8, false));
    }

    [Fact]
    public void Connection_lost_urc_is_reported_once_and_the_reconnect_releases_the_client()
    {
        ScriptedModem modem = Connected().After(1000).Reply("+CMQTTCONNLOST: 0,1").Reply("+CMQTTCONNLOST: 0,1")
            .NetworkReady()
            .ClientEndedWhileDisconnected()
            .Acquired("G1")
            .Expect($"AT+CMQTTWILLTOPIC=0,{Will.Length}").Prompt().ExpectData(Will).Reply("OK")
            .Expect("AT+CMQTTWILLMSG=0,19,1").Prompt().ExpectData("{\"state\":\"offline\"}").Reply("OK")
            .Expect("AT+CMQTTCONNECT=0,\"tcp://broker.example:8883\",60,0").Reply("OK").After(500).Reply("+CMQTTCONNECT: 0,0");
        (SimcomMqttLink link, Events events) = Open(modem);
        link.Connect(Options());
        link.Service(5000);
        Assert.False(link.IsConnected);
        Assert.Equal(1, events.Lost);

        link.Connect(Options());
        Assert.True(link.IsConnected);
        Assert.True(modem.Done);
    }

    [Fact]
    public void Missing_publish_confirmation_times_out_into_a_lost_session()
    {
        // <pub_timeout> 60 s plus the link's 5 s margin: no +CMQTTPUB by then means the session is dead.
        ScriptedModem modem = Connected().PublishInput(Topic, "x").Expect("AT+CMQTTPUB=0,1,60,0,0").Reply("OK");
        (SimcomMqttLink link, Events events) = Open(modem);
        link.Connect(Options());
        link.Publish(Topic, [(byte)'x'], 0, 1, 1, false, 9, false);
        long sent = modem.NowMs;
        link.Service(64000);
        Assert.True(link.IsConnected);
        link.Service(2000);
        Assert.False(link.IsConnected);
        Assert.True(modem.NowMs - sent >= 65000);
        Assert.Equal(1, events.Lost);
        Assert.Empty(events.Acks);
    }

    [Fact]
    public void Missing_prompt_is_a_timeout()
    {
        ScriptedModem modem = Connected().Expect($"AT+CMQTTTOPIC=0,{Topic.Length}");
        (SimcomMqttLink link, _) = Open(modem);
        link.Connect(Options());
        ModemException error = Assert.Throws<ModemException>(() => link.Publish(Topic, [1], 0, 1, 1, false, 1, false));
        Assert.Equal(ModemErrorKind.Timeout, error.Kind);
        Assert.False(link.IsConnected);
    }

    [Fact]
    public void Oversized_incoming_message_is_dropped_and_the_next_one_delivered()
    {
        string big = new('a', 3000);
        ScriptedModem modem = Connected()
            .Reply("+CMQTTRXSTART: 0,1,3000").Reply("+CMQTTRXTOPIC: 0,1").Raw("t").Reply("+CMQTTRXPAYLOAD: 0,3000").Raw(big).Reply("+CMQTTRXEND: 0")
            .Reply("+CMQTTRXSTART: 0,1,2").Reply("+CMQTTRXTOPIC: 0,1").Raw("u").Reply("+CMQTTRXPAYLOAD: 0,2").Raw("ok").Reply("+CMQTTRXEND: 0");
        (SimcomMqttLink link, Events events) = Open(modem);
        link.Connect(Options());
        link.Service(1000);
        Assert.Equal([("u", "ok")], events.Messages);
        Assert.Equal(1, link.DroppedMessages);
        Assert.True(link.IsConnected);
    }

    [Fact]
    public void Modem_reset_mid_publish_loses_nothing_from_the_outbox()
    {
        Topics topics = new("F1", "G1");
        string telemetry = topics.Telemetry("M1");
        Outbox outbox = new(new MemoryFileStore(), 64 * 1024, 8 * 1024);
        ScriptedModem modem = new ScriptedModem().ModemReady().NetworkReady().MqttSession("G1", topics.Status)
            .Subscribed(topics.CommandFilter)
            .Published(topics.Status, null, retain: true)
            .Published(telemetry, "r1")
            // r2 reaches the modem, then the modem restarts instead of confirming the PUBLISH.
            .PublishInput(telemetry, "r2").Expect("AT+CMQTTPUB=0,1,60,0,0").Reply("RDY", "+CPIN: READY", "SMS DONE", "PB DONE")
            // Reconnect from scratch (echo is back on after the restart), then the outbox re-sends r2 with DUP and sends r3.
            .Expect("AT+CMEE?").Raw("AT+CMEE?\r").Reply("+CMEE: 0", "OK")
            .Expect("ATE0").Raw("ATE0\r").Reply("OK")
            .Expect("AT+CMEE=1").Reply("OK")
            .Expect("AT+CTZU=1").Reply("OK")
            .NetworkReady().MqttSession("G1", topics.Status)
            .Subscribed(topics.CommandFilter)
            .Published(topics.Status, null, retain: true)
            .Published(telemetry, "r2", dup: true)
            .Published(telemetry, "r3");
        (SimcomMqttLink link, Events events) = Open(modem);
        Uplink uplink = new(link, new MqttConnectOptions { ClientId = "G1", KeepAliveSeconds = 60 }, topics, outbox, 4,
            new ReconnectBackoff(1000, 60000, 1), new FixedClock(), new GatewayInfo());
        foreach (string r in new[] { "r1", "r2", "r3" })
        {
            outbox.Append(telemetry, Encoding.UTF8.GetBytes(r), 0, r.Length);
        }

        uplink.Tick(modem.NowMs);
        Assert.False(link.IsConnected);
        link.Service(0);
        Assert.Equal(1, events.Lost);
        Assert.Equal(2, outbox.Depth);

        uplink.Tick(modem.NowMs);
        link.Service(2000);
        Assert.True(link.IsConnected);
        Assert.Equal(0, outbox.Depth);
        Assert.True(modem.Done);
        string[] telemetrySent = modem.DataBlocks.Select(b => Encoding.UTF8.GetString(b)).Where(p => p.Length == 2 && p[0] == 'r').ToArray();
        Assert.Equal(["r1", "r2", "r2", "r3"], telemetrySent);
    }
}
