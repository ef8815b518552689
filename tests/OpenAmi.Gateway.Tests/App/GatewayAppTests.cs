using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpenAmi.Cellular.At;
using OpenAmi.Cellular.Modem;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Tests.Fakes;
using OpenAmi.Json;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Tests.App;

/// <summary>
/// The composition root on fakes of every port: meters answering on a fake Modbus line (<see cref="ModbusSlaves"/>,
/// written from the Modbus standard), an in-memory MQTT link that records what it is given and acknowledges only
/// when told, an in-memory flash that survives "power cuts" (the same store handed to a new GatewayApp).
/// Register values are chosen exactly representable in IEEE 754 single precision, so the published numbers are
/// the ones put on the wire. Register addresses: Eastron SDM120 Modbus protocol (input registers 30001 voltage,
/// 30013 active power, 30071 frequency, 30073/30075 import/export kWh; holding 464513 serial).
/// </summary>
public class GatewayAppTests
{
    private const string Feeder = "feeder-north-paravur-01";
    private const string Gateway = "pole-ems-0042";
    private const string Root = "openami/v1/" + Feeder + "/" + Gateway;

    private static readonly byte[] CommandKey = Convert.FromHexString(ConfigJson.KeyHex);

    [Fact]
    public void Modbus_meters_on_a_bus_reach_the_mqtt_link_as_telemetry_envelopes_with_the_values_on_the_wire()
    {
        var rig = new Rig();
        var app = rig.Build();

        rig.Run(app, seconds: 5);

        // The retained birth on the status topic first: the uplink connects before it sends anything.
        Assert.Equal(Root + "/status", rig.Link.Published[0].Topic);
        Assert.True(rig.Link.Published[0].Retain);

        // An accepted configuration has nothing to report (configErrors is written only for a rejected one).
        Assert.False(JsonDocument.Parse(rig.Link.Published[0].Payload).RootElement.TryGetProperty("configErrors", out _));
        var shop = Registers(rig.Link, "shop");
        Assert.Equal(230.5, shop["32.7.0"].GetProperty("value").GetDouble());
        Assert.Equal("V", shop["32.7.0"].GetProperty("unit").GetString());
        Assert.Equal(412.5, shop["1.7.0"].GetProperty("value").GetDouble());
        Assert.Equal(50.0, shop["14.7.0"].GetProperty("value").GetDouble());
        Assert.Equal(1234.5, shop["1.8.0"].GetProperty("value").GetDouble());
        Assert.Equal("kWh", shop["1.8.0"].GetProperty("unit").GetString());
        Assert.Equal(0.25, shop["2.8.0"].GetProperty("value").GetDouble());
        Assert.All(shop.Values, r => Assert.Equal("good", r.GetProperty("quality").GetString()));
        var mill = Registers(rig.Link, "mill");
        Assert.Equal(225.0, mill["32.7.0"].GetProperty("value").GetDouble());
        Assert.Equal(2000.0, mill["1.7.0"].GetProperty("value").GetDouble());
        Assert.Equal(Rig.ShopSerial.ToString(), shop["0.0.96.1.1.255"].GetProperty("value").GetString());

        // Every envelope is QoS 1 and not retained; every one was acknowledged, so the outbox is empty.
        Assert.All(rig.Link.Published.Where(p => p.Topic.EndsWith("/telemetry")), p => Assert.False(p.Retain));
        Assert.Equal(0, app.Northbound.Outbox.Depth);
    }

    [Fact]
    public void Every_configured_meter_is_registered_once_with_the_serial_read_from_the_wire()
    {
        var rig = new Rig();
        var app = rig.Build();

        rig.Run(app, seconds: 5);

        var registered = rig.Link.Published.Where(p => p.Topic.EndsWith("/event"))
            .Select(p => JsonDocument.Parse(p.Payload).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "meter_registered")
            .Select(e => (e.GetProperty("meterSerial").GetString()!, e.GetProperty("data").GetProperty("serial").GetString()!))
            .Order().ToList();
        Assert.Equal(new[] { ("mill", "12000002"), ("shop", Rig.ShopSerial.ToString()) }, registered);
    }

    [Fact]
    public void A_silent_meter_is_published_as_comms_lost_while_the_other_keeps_its_values()
    {
        var rig = new Rig();
        rig.Slaves.Silent.Add(2);
        var app = rig.Build();

        rig.Run(app, seconds: 5);

        Assert.All(Registers(rig.Link, "mill").Values, r => Assert.Equal("comms_lost", r.GetProperty("quality").GetString()));
        Assert.Equal(230.5, Registers(rig.Link, "shop")["32.7.0"].GetProperty("value").GetDouble());
    }

    [Theory]
    [InlineData("Clock")]
    [InlineData("WallClock")]
    [InlineData("Info")]
    [InlineData("OutboxStore")]
    [InlineData("StateStore")]
    [InlineData("Mqtt")]
    [InlineData("CommandKey")]
    public void A_missing_port_stops_the_composition_naming_the_port(string port)
    {
        var rig = new Rig();
        typeof(GatewayPorts).GetProperty(port)!.SetValue(rig.Ports, null);

        var error = Assert.Throws<GatewayCompositionException>(rig.Build);

        Assert.Equal("port " + port + " is not supplied by the platform", error.Message);
    }

    [Fact]
    public void A_configured_bus_the_platform_gives_no_link_stops_the_composition_naming_the_bus()
    {
        var rig = new Rig(addBus: false);

        var error = Assert.Throws<GatewayCompositionException>(rig.Build);

        Assert.Contains("bus 'rs485'", error.Message);
    }

    [Fact]
    public void The_loop_needs_the_waiter_port_and_says_so()
    {
        var rig = new Rig();
        var app = rig.Build();

        var error = Assert.Throws<GatewayCompositionException>(() => app.CreateLoop(null!));

        Assert.Contains("port Waiter", error.Message);
    }

    [Fact]
    public void After_a_power_cut_a_new_gateway_over_the_same_flash_resends_every_unacknowledged_envelope_in_order()
    {
        var (rig, before, sent) = FirstSweepUnacknowledged();

        // The broker acknowledged the first record; then the power went (no Stop, no flush).
        rig.Link.Ack(sent[0].PacketId);
        int depthAtCut = before.Northbound.Outbox.Depth;

        var afterLink = new FakeLink { IsConnected = false };
        rig.Ports.Mqtt = afterLink;
        rig.Link = afterLink;
        var after = rig.Build();
        Assert.Equal(depthAtCut, after.Northbound.Outbox.Depth);
        rig.Run(after, seconds: 1);

        // Exactly the unacknowledged records, byte for byte and in their original order; nothing acknowledged again.
        // (The new process has no packet identifiers of the old session: they go out as new QoS 1 PUBLISHes.)
        var resent = afterLink.Published.Where(p => !p.Topic.EndsWith("/status")).Take(sent.Count - 1).ToList();
        Assert.Equal(sent.Skip(1).Select(p => (p.Topic, p.Payload)), resent.Select(p => (p.Topic, p.Payload)));
        Assert.Equal(Root + "/status", afterLink.Published[0].Topic);

        // Once acknowledged they are released; the new gateway's own readings follow them.
        rig.AutoAck = true;
        rig.Run(after, seconds: 2);
        Assert.Equal(0, after.Northbound.Outbox.Depth);
    }

    [Fact]
    public void After_the_link_drops_the_unacknowledged_envelopes_are_resent_with_dup_and_their_packet_identifiers()
    {
        var (rig, app, inFlight) = FirstSweepUnacknowledged();

        rig.Link.Drop();
        rig.Run(app, seconds: 5);

        // MQTT 3.1.1 section 4.4: after reconnecting, unacknowledged PUBLISHes are re-sent with their original
        // packet identifiers and DUP=1.
        var resent = rig.Link.Published.Where(p => p.Duplicate).ToList();
        Assert.Equal(inFlight.Select(p => (p.PacketId, p.Payload)), resent.Select(p => (p.PacketId, p.Payload)));
        Assert.Equal(2, rig.Link.Connects);
    }

    [Fact]
    public void A_command_arriving_on_the_link_thread_is_only_queued_and_runs_on_the_command_lane()
    {
        var (rig, app, handler, publishedBefore) = StartedWithReadNowHandler();

        string topic = Root + "/meter/shop/command";
        byte[] command = SignedCommand(topic, "hes-0001", "read-now", rig.Wall.UtcNow);
        var linkThread = new Thread(() => rig.Link.Deliver(topic, command));
        linkThread.Start();
        linkThread.Join();

        // The link's thread only queued it: nothing ran, nothing was acknowledged.
        Assert.Empty(handler.Threads);
        Assert.Equal(publishedBefore, rig.Link.Published.Count);
        var queued = Assert.Single(app.Scheduler.Tasks(), t => t.Name == "command");
        Assert.Equal(Lane.Command, queued.Lane);

        // Polling falls due at the same moment; the command lane goes first, on the loop's thread.
        rig.Clock.Advance(900_000);
        long pollingRuns = app.Scheduler.LaneRuns(Lane.Polling);
        while (handler.Threads.Count == 0 && app.Scheduler.RunNext())
        {
        }

        Assert.Equal(new[] { Environment.CurrentManagedThreadId }, handler.Threads);
        Assert.True(queued.IsFinished);
        Assert.Equal(pollingRuns, app.Scheduler.LaneRuns(Lane.Polling));
        var acks = rig.Link.Published.Skip(publishedBefore)
            .Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("data"))
            .Select(d => (d.GetProperty("commandId").GetString()!, d.GetProperty("status").GetString()!)).ToList();
        Assert.Equal(new[] { ("hes-0001", "accepted"), ("hes-0001", "done") }, acks);
    }

    /// <summary>
    /// Issue 18, D4: 300 garbage messages arrive before the lane runs, then one signed command. The 16-slot queue
    /// fills with garbage; the signed command used to be dropped with no answer. Now it is among the newest that
    /// found the queue full, is checked on the lane and refused "busy", and runs when the head-end sends it again.
    /// </summary>
    [Fact]
    public void A_signed_command_behind_a_flood_is_answered_busy_and_runs_when_sent_again()
    {
        var (rig, app, handler, publishedBefore) = StartedWithReadNowHandler();
        string topic = Root + "/meter/shop/command";

        for (int i = 0; i < 300; i++)
        {
            rig.Link.Deliver(topic, Encoding.UTF8.GetBytes("garbage " + i));
        }

        byte[] command = SignedCommand(topic, "hes-0002", "read-now", rig.Wall.UtcNow);
        rig.Link.Deliver(topic, command);
        Assert.True(app.Scheduler.Count < 40, "a flood costs no scheduler task per message");
        rig.Run(app, seconds: 5); // the outbox publishes 8 at a time, the broker acknowledges each second

        var acks = rig.Link.Published.Skip(publishedBefore).Where(p => p.Topic.EndsWith("/event"))
            .Select(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("data"))
            .Select(d => (d.GetProperty("commandId").GetString(), d.GetProperty("status").GetString()!, d.TryGetProperty("reason", out var r) ? r.GetString() : null))
            .ToList();
        Assert.Contains(("hes-0002", "rejected", "busy"), acks);
        Assert.Equal(10, acks.Count(a => a.Item3 == "malformed")); // the rate limit: 10 a minute
        Assert.Empty(handler.Threads);
        Assert.Equal(300 - 16 - 15, app.Commands.Dropped);

        rig.Link.Deliver(topic, command);
        rig.Run(app, seconds: 1);
        Assert.Single(handler.Threads);
    }

    /// <summary>
    /// Issue 19: on a pole without Wi-Fi only the modem knows the time. The modem's time source, registered with the
    /// ports and polled as the modem's service thread does, sets the unsynchronised wall clock and answers the gateway
    /// clock, so the birth and the telemetry carry network time.
    /// The answer is 3GPP TS 27.007 section 8.15's format: "26/06/22,16:00:00+22" is 16:00 local at +22 quarter hours
    /// (+05:30, India) = 10:30:00 UTC; the dialogue before it is the SIMCom start-up (AT+CMEE?, ATE0, AT+CMEE=1, AT+CTZU=1).
    /// </summary>
    [Fact]
    public void On_a_cellular_only_pole_modem_network_time_sets_the_clock_and_stamps_the_envelopes()
    {
        var rig = new Rig();
        var wall = new UnsetWallClock(rig.Clock);
        rig.Ports.WallClock = wall;
        var modem = new ScriptedModem().ModemReady().Expect("AT+CCLK?").Reply("+CCLK: \"26/06/22,16:00:00+22\"", "OK");
        var control = new ModemControl(new AtChannel(modem, modem, 256), modem, new ModemOptions());
        var source = new ModemTimeSource(control, wall, wall, rig.Clock);
        rig.Ports.AddTimeSource(source);
        Assert.False(source.TryGetUtc(out _)); // nothing asked yet: the modem's service thread polls, never the gateway

        source.Poll();
        var app = rig.Build();
        rig.Run(app, seconds: 5);

        Assert.True(modem.Done);
        var expected = new DateTime(2026, 6, 22, 10, 30, 0, DateTimeKind.Utc);
        Assert.True(wall.IsSynchronized);
        Assert.Equal(TimeHealth.Healthy, app.Metering.Clock.Health);
        Assert.Equal("2026-06-22T10:30:00Z", Stamp(rig.Link.Published[0]));
        var telemetry = rig.Link.Published.Where(p => p.Topic.EndsWith("/telemetry")).ToList();
        Assert.NotEmpty(telemetry);
        Assert.All(telemetry, p => Assert.InRange(DateTime.Parse(Stamp(p)!).ToUniversalTime(), expected, expected.AddSeconds(5)));
    }

    private static string? Stamp((string Topic, string Payload, int PacketId, bool Duplicate, bool Retain) published) =>
        JsonDocument.Parse(published.Payload).RootElement.GetProperty("ts").GetString();

    /// <summary>A gateway connected to a broker that acknowledges nothing, after its first sweep: what it sent (status left out).</summary>
    private static (Rig Rig, GatewayApp App, List<(string Topic, string Payload, int PacketId, bool Duplicate, bool Retain)> Sent) FirstSweepUnacknowledged()
    {
        var rig = new Rig { AutoAck = false };
        var app = rig.Build();
        rig.Run(app, seconds: 3);
        var sent = rig.Link.Published.Where(p => !p.Topic.EndsWith("/status")).ToList();
        Assert.True(sent.Count >= 3, "the first sweep gives a registration and both meters' telemetry: " + string.Join("\n", rig.Link.Published));
        return (rig, app, sent);
    }

    /// <summary>
    /// A command as the head-end signs it (docs/northbound.md "Commands"): HMAC-SHA256 over
    /// "OPENAMI-CMD-1\n" + topic + "\n" + the RFC 8785 canonical form of the command without "signature" — members
    /// sorted, no spaces; here written out by hand, hashed by System.Security.Cryptography.
    /// </summary>
    private static byte[] SignedCommand(string topic, string id, string type, DateTime now)
    {
        string issued = now.ToString("yyyy-MM-ddTHH:mm:ssZ");
        string expiry = now.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        string canonical = $"{{\"expiry\":\"{expiry}\",\"id\":\"{id}\",\"issued\":\"{issued}\",\"params\":{{}},\"type\":\"{type}\"}}";
        byte[] mac = HMACSHA256.HashData(CommandKey, Encoding.UTF8.GetBytes("OPENAMI-CMD-1\n" + topic + "\n" + canonical));
        return Encoding.UTF8.GetBytes(canonical[..^1] + ",\"signature\":\"" + Convert.ToHexStringLower(mac) + "\"}");
    }

    /// <summary>The registers of a meter's telemetry envelopes (first value of each), by OBIS code.</summary>
    private static Dictionary<string, JsonElement> Registers(FakeLink link, string meter) =>
        link.Published.Where(p => p.Topic == Root + "/meter/" + meter + "/telemetry")
            .SelectMany(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("registers").EnumerateArray())
            .GroupBy(r => r.GetProperty("obis").GetString()!)
            .ToDictionary(g => g.Key, g => g.First().Clone());

    /// <summary>A composed gateway run for 2 s, with a read-now handler that records the thread it ran on.</summary>
    private static (Rig Rig, GatewayApp App, ThreadRecordingHandler Handler, int PublishedBefore) StartedWithReadNowHandler()
    {
        var rig = new Rig();
        var app = rig.Build();
        rig.Run(app, seconds: 2);
        var handler = new ThreadRecordingHandler();
        app.Commands.Register("read-now", handler);
        return (rig, app, handler, rig.Link.Published.Count);
    }

    private sealed class ThreadRecordingHandler : ICommandHandler
    {
        public List<int> Threads { get; } = [];

        public string? Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            Threads.Add(Environment.CurrentManagedThreadId);
            return null;
        }
    }

    /// <summary>Two SDM120s (units 1 and 2) on one RS-485 bus, and every port the gateway needs as a fake.</summary>
    private sealed class Rig
    {
        public const uint ShopSerial = 12000001;

        public Rig(bool addBus = true)
        {
            Slaves.SetFloat(1, 4, 0, 230.5f);
            Slaves.SetFloat(1, 4, 12, 412.5f);
            Slaves.SetFloat(1, 4, 70, 50.0f);
            Slaves.SetFloat(1, 4, 72, 1234.5f);
            Slaves.SetFloat(1, 4, 74, 0.25f);
            Slaves.SetUInt32(1, 3, 64512, ShopSerial);
            Slaves.SetFloat(2, 4, 0, 225.0f);
            Slaves.SetFloat(2, 4, 12, 2000.0f);
            Slaves.SetFloat(2, 4, 70, 49.75f);
            Slaves.SetFloat(2, 4, 72, 88.5f);
            Slaves.SetFloat(2, 4, 74, 0f);
            Slaves.SetUInt32(2, 3, 64512, 12000002);
            Wall = new WallClock(Clock, new DateTime(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc));
            Ports = new GatewayPorts
            {
                Clock = Clock,
                WallClock = Wall,
                Info = new Info(),
                OutboxStore = OutboxFlash,
                StateStore = StateFlash,
                Mqtt = Link,
                CommandKey = new TestKey(CommandKey),
            };
            if (addBus)
            {
                Ports.AddBus("rs485", Slaves);
            }
        }

        public FakeClock Clock { get; } = new();

        public WallClock Wall { get; }

        public ModbusSlaves Slaves { get; } = new();

        public MemoryFileStore OutboxFlash { get; } = new();

        public MemoryFileStore StateFlash { get; } = new();

        public FakeLink Link { get; set; } = new() { IsConnected = false };

        public GatewayPorts Ports { get; }

        public bool AutoAck { get; set; } = true;

        public GatewayApp Build()
        {
            var loaded = ConfigReader.Load(ConfigJson.Text, null);
            Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors.Cast<ConfigError>().Select(e => e.Path + " " + e.Reason)));
            return new GatewayApp(loaded.Config, Ports);
        }

        /// <summary>Runs everything due, second by second of simulated time; the broker acknowledges each second when <see cref="AutoAck"/>.</summary>
        public void Run(GatewayApp app, int seconds)
        {
            for (int s = 0; s < seconds; s++)
            {
                while (app.Scheduler.RunNext())
                {
                }

                if (AutoAck && Link.IsConnected)
                {
                    Link.AckAll();
                }

                Clock.Advance(1000);
            }
        }
    }

    private sealed class WallClock(FakeClock clock, DateTime start) : IWallClock
    {
        public DateTime UtcNow => start.AddMilliseconds(clock.NowMs);

        public bool IsSynchronized => true;
    }

    /// <summary>The ESP32's clock after boot: 1970 plus the time since boot, untrusted until something sets it.</summary>
    private sealed class UnsetWallClock(FakeClock clock) : IWallClock, IWallClockSetter
    {
        private DateTime _setUtc = DateTime.UnixEpoch;
        private long _setAtMs;

        public DateTime UtcNow => _setUtc.AddMilliseconds(clock.NowMs - _setAtMs);

        public bool IsSynchronized { get; private set; }

        public void SetUtc(DateTime utc)
        {
            _setUtc = utc;
            _setAtMs = clock.NowMs;
            IsSynchronized = true;
        }
    }

    private sealed class Info : IGatewayInfo
    {
        public string FirmwareVersion => "0.1.0-test";

        public long UptimeSeconds => 0;

        public int SignalDbm => -70;
    }

    private static class ConfigJson
    {
        public const string KeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

        public const string Text = """
        {
          "feederId": "feeder-north-paravur-01",
          "gatewayId": "pole-ems-0042",
          "buses": [ { "id": "rs485", "kind": "rs485", "port": "COM2", "baud": 9600 } ],
          "meters": [
            { "id": "shop", "bus": "rs485", "protocol": "modbus", "address": 1, "profile": "eastron-sdm120" },
            { "id": "mill", "bus": "rs485", "protocol": "modbus", "address": 2, "profile": "eastron-sdm120" }
          ],
          "intervals": { "instantaneousS": 900 },
          "northbound": { "broker": "mqtt://127.0.0.1:1883", "insecure": true, "commandKeyHex": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" }
        }
        """;
    }
}
