using System.Text;
using System.Text.Json;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Tests.Fakes;
using OpenAmi.Json;
using OpenAmi.Northbound.Commands;
using OpenAmi.Northbound.Ports;
using OpenAmi.Safety.Events;
using OpenAmi.Safety.Ports;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Gateway.Tests.App;

/// <summary>
/// Safety inside the composed gateway (issue 7 §3–4 through issue 8's composition): the supervisor over a fake pole
/// board (<see cref="FakePoleBoard"/>), head-end commands signed with the gateway's key and delivered on the MQTT link,
/// and what reaches the link as event envelopes. Rated values 6 mA DC / 30 mA AC and the 3-in-24 h lockout are
/// issue 7's defaults; the leak of 45 mA AC is 1.5× the AC rating.
/// </summary>
public class SafetyWiringTests
{
    private const string Root = "openami/v1/feeder-north-paravur-01/pole-ems-0042";
    private const string ShopEvents = Root + "/meter/shop/event";

    [Fact]
    public void At_power_up_the_line_is_self_tested_then_energised_through_a_probe_without_any_safety_event()
    {
        var rig = new Rig();

        rig.App.Safety.Service.Step();
        Assert.Equal(LineState.Probing, rig.App.Safety.Service.StateOf(0));
        Assert.True(rig.Line.Armed);
        rig.PowerUp();

        Assert.Equal(LineState.On, rig.App.Safety.Service.StateOf(0));
        Assert.True(rig.Line.Conducting);
        Assert.DoesNotContain(rig.Link.Published, p => p.Topic.EndsWith("/event")
            && JsonDocument.Parse(p.Payload).RootElement.GetProperty("type").GetString()!.StartsWith("rcm_"));
    }

    [Fact]
    public void A_leak_trips_the_line_open_and_the_trip_reaches_the_link_as_an_rcm_trip_event_of_the_lines_meter()
    {
        var rig = new Rig();
        rig.PowerUp();

        rig.Line.LeakAcRmsMa = 45;
        rig.App.Safety.Service.Step();

        Assert.Equal(LineState.Tripped, rig.App.Safety.Service.StateOf(0));
        Assert.False(rig.Line.SsrOn);
        Assert.False(rig.Line.Conducting);
        rig.Drain();
        var trip = Assert.Single(rig.Events(ShopEvents, "rcm_trip"));
        Assert.Equal("L1", trip.GetProperty("line").GetString());
        Assert.Equal("hardware_latch", trip.GetProperty("channel").GetString());
        Assert.False(trip.GetProperty("duringProbe").GetBoolean());
        Assert.False(trip.TryGetProperty("latencyMs", out _));
    }

    [Fact]
    public void A_trip_while_the_broker_is_unreachable_waits_in_the_outbox_and_is_published_once_it_is_back()
    {
        var rig = new Rig();
        rig.Link.FailConnect = true;
        rig.PowerUp();
        int depthBefore = rig.App.Northbound.Outbox.Depth;

        rig.Leak(acRmsMa: 45);
        Assert.Empty(rig.Link.Published);
        Assert.Equal(depthBefore + 1, rig.App.Northbound.Outbox.Depth);

        rig.Link.FailConnect = false;
        rig.Clock.Advance(10 * 60 * 1000);
        var trip = Assert.Single(rig.Events(ShopEvents, "rcm_trip"));
        Assert.Equal("L1", trip.GetProperty("line").GetString());
        Assert.Equal(0, rig.App.Northbound.Outbox.Depth);
    }

    [Fact]
    public void With_the_hardware_path_failed_the_firmware_channel_trips_a_45_mA_leak_on_its_high_set()
    {
        var rig = new Rig();
        rig.PowerUp();
        rig.Line.HardwareTrips = false;

        var trip = rig.LeakUntilTripped(acRmsMa: 45);

        // Peak √2 × 45 = 63.6 mA lies beyond the firmware high-set of 39 mA (PoleBoardRcm.HighSetMa, the ADC's clip).
        Assert.Equal("firmware_dsp", trip.GetProperty("channel").GetString());
        Assert.Equal("highset", trip.GetProperty("cause").GetString());
        Assert.InRange(trip.GetProperty("latencyMs").GetInt64(), 0, 40);
    }

    [Fact]
    public void The_firmware_channel_trips_an_ac_leak_below_the_hardware_rating_on_its_one_cycle_rms()
    {
        var rig = new Rig();
        rig.PowerUp();

        // 27 mA: under the fake hardware's 30 mA, over the firmware's AC pickup (0.75 × 30 = 22.5 mA, DetectorSettings),
        // and its peak (38.2 mA) under the high-set.
        var trip = rig.LeakUntilTripped(acRmsMa: 27);

        Assert.Equal("firmware_dsp", trip.GetProperty("channel").GetString());
        Assert.Equal("ac", trip.GetProperty("cause").GetString());
        Assert.Equal("ac", trip.GetProperty("class").GetString());

        // The one-cycle AC RMS of the sine, within the front end's quantisation (0.034 mA per count).
        Assert.InRange(trip.GetProperty("magnitudeMa").GetDouble(), 26.5, 27.5);
        Assert.InRange(trip.GetProperty("latencyMs").GetInt64(), 0, 40);
    }

    [Fact]
    public void A_signed_reconnect_while_the_leak_persists_is_rejected_with_leakage_persists_and_the_line_stays_open()
    {
        var rig = new Rig();
        rig.PowerUp();
        rig.LeakUntilTripped(acRmsMa: 45);
        int closuresBefore = rig.Line.Closures;

        var acks = rig.Reconnect("c-1");

        Assert.Equal(new[] { ("accepted", (string?)null), ("rejected", "leakage_persists") }, acks);
        Assert.Equal(LineState.Tripped, rig.App.Safety.Service.StateOf(0));
        Assert.False(rig.Line.Conducting);

        // Safety's policy proved it with one bounded probe closure (self-test first), which tripped again at once.
        Assert.Equal(closuresBefore + 1, rig.Line.Closures);
        Assert.True(rig.Events(ShopEvents, "rcm_trip")[^1].GetProperty("duringProbe").GetBoolean());
        var refusal = Assert.Single(rig.Events(ShopEvents, "rcm_refused"));
        Assert.Equal("remote_reconnect", refusal.GetProperty("source").GetString());
        Assert.Equal("leakage_persists", refusal.GetProperty("reason").GetString());
    }

    [Fact]
    public void After_three_re_trips_in_the_window_the_line_is_locked_out_refused_remotely_and_only_the_local_reset_frees_it()
    {
        var rig = new Rig();
        rig.PowerUp();
        rig.LeakUntilTripped(acRmsMa: 45);

        Assert.Equal("leakage_persists", rig.Reconnect("c-1")[^1].Reason);
        Assert.Equal("leakage_persists", rig.Reconnect("c-2")[^1].Reason);
        Assert.Equal("attempt_limit", rig.Reconnect("c-3")[^1].Reason);
        var lockout = Assert.Single(rig.Events(ShopEvents, "rcm_lockout"));
        Assert.Equal("attempt_limit", lockout.GetProperty("reason").GetString());
        Assert.Equal(3, lockout.GetProperty("attempts").GetInt32());

        // Locked out: even with the leak gone, a remote command changes nothing and closes nothing.
        rig.Line.LeakAcRmsMa = 0;
        int closures = rig.Line.Closures;
        Assert.Equal(new[] { ("accepted", (string?)null), ("rejected", "locked_out") }, rig.Reconnect("c-4"));
        Assert.Equal(LineState.LockedOut, rig.App.Safety.Service.StateOf(0));
        Assert.Equal(closures, rig.Line.Closures);

        // The reset button on the board, held for its 3 s, is the only way back; then the policy runs as usual.
        rig.Board.ResetButton = true;
        while (rig.App.Safety.Service.StateOf(0) == LineState.LockedOut && rig.Clock.NowMs < 60_000)
        {
            rig.App.Safety.Service.Step();
        }

        rig.Board.ResetButton = false;
        Assert.Equal(LineState.Off, rig.App.Safety.Service.StateOf(0));
        Assert.Equal(new[] { ("accepted", (string?)null), ("done", (string?)null) }, rig.Reconnect("c-5"));
        Assert.Equal(LineState.On, rig.App.Safety.Service.StateOf(0));
    }

    [Fact]
    public void Once_the_leak_is_gone_a_reconnect_passes_self_test_and_probe_and_is_done_and_restored()
    {
        var rig = new Rig();
        rig.PowerUp();
        rig.LeakUntilTripped(acRmsMa: 45);
        rig.Line.LeakAcRmsMa = 0;

        Assert.Equal(new[] { ("accepted", (string?)null), ("done", (string?)null) }, rig.Reconnect("c-1"));

        Assert.Equal(LineState.On, rig.App.Safety.Service.StateOf(0));
        Assert.True(rig.Line.Conducting);
        Assert.Equal("L1", Assert.Single(rig.Events(ShopEvents, "rcm_restore")).GetProperty("line").GetString());
        Assert.Empty(rig.Events(ShopEvents, "rcm_refused"));
    }

    [Fact]
    public void Credit_always_switches_off_and_a_top_up_goes_through_the_same_policy()
    {
        var rig = new Rig();
        rig.PowerUp();

        rig.App.Supply.RequestSupply(0, false, "no_credit");
        Assert.Equal(LineState.Off, rig.App.Safety.Service.StateOf(0));
        Assert.False(rig.Line.SsrOn);

        rig.Line.LeakDcMa = 9;
        rig.App.Supply.RequestSupply(0, true, "credit");
        Assert.Equal(LineState.Tripped, rig.App.Safety.Service.StateOf(0));
        Assert.False(rig.Line.Conducting);
        rig.Drain();
        var refusal = Assert.Single(rig.Events(ShopEvents, "rcm_refused"));
        Assert.Equal("credit_top_up", refusal.GetProperty("source").GetString());
    }

    [Fact]
    public void Credit_arriving_before_the_power_up_self_test_is_remembered_and_served_by_the_power_up()
    {
        var off = new Rig();
        off.App.Supply.RequestSupply(0, false, "no_credit");
        off.PowerUp();
        Assert.Equal(LineState.Off, off.App.Safety.Service.StateOf(0));
        Assert.Equal(0, off.Line.Closures);

        var on = new Rig();
        on.App.Supply.RequestSupply(0, false, "no_credit");
        on.App.Supply.RequestSupply(0, true, "credit");
        Assert.Equal(0, on.Line.Closures);
        on.PowerUp();
        Assert.Equal(LineState.On, on.App.Safety.Service.StateOf(0));
        Assert.True(on.Line.Conducting);
    }

    [Fact]
    public void A_line_switched_off_on_purpose_stays_off_across_a_reboot_until_someone_asks_for_it_again()
    {
        var rig = new Rig();
        rig.PowerUp();
        rig.App.Supply.RequestSupply(0, false, "remote_disconnect");

        // A power cut: a new gateway over the same flash and board.
        rig.Build();
        rig.PowerUp();
        Assert.Equal(LineState.Off, rig.App.Safety.Service.StateOf(0));
        Assert.False(rig.Line.SsrOn);

        rig.App.Supply.RequestSupply(0, true, "credit");
        Assert.Equal(LineState.On, rig.App.Safety.Service.StateOf(0));
        rig.Build();
        rig.PowerUp();
        Assert.Equal(LineState.On, rig.App.Safety.Service.StateOf(0));
        Assert.True(rig.Line.Conducting);
    }

    [Fact]
    public void A_remote_reconnect_before_the_power_up_self_test_is_refused_and_closes_nothing()
    {
        var rig = new Rig();
        rig.App.Supply.RequestSupply(0, false, "no_credit");

        Assert.Equal(new[] { ("accepted", (string?)null), ("rejected", "self_test_failed") }, rig.Reconnect("c-1"));
        Assert.Equal(0, rig.Line.Closures);
        rig.PowerUp();
        Assert.Equal(LineState.Off, rig.App.Safety.Service.StateOf(0));
    }

    [Fact]
    public void On_the_device_path_a_request_waits_for_the_safety_threads_rounds_for_its_verdict()
    {
        var rig = new Rig();
        rig.Board.YieldOnDelay = true;
        var safetyThread = new Thread(() => rig.App.Safety.Service.Run(null!)) { IsBackground = true };
        safetyThread.Start();
        try
        {
            Assert.True(SpinWait.SpinUntil(() => rig.App.Safety.Service.StateOf(0) == LineState.On, 10_000));
            rig.Line.LeakAcRmsMa = 45;
            Assert.True(SpinWait.SpinUntil(() => rig.App.Safety.Service.StateOf(0) == LineState.Tripped, 10_000));

            var decision = rig.App.Safety.Service.Request(0, OpenAmi.Safety.Policy.ReenergiseSource.RemoteReconnect);

            Assert.Equal(OpenAmi.Safety.Policy.RefusalReason.RetrippedOnProbe, decision.Reason);
            Assert.Equal(LineState.Tripped, rig.App.Safety.Service.StateOf(0));
        }
        finally
        {
            rig.App.Safety.Service.Stop();
            Assert.True(safetyThread.Join(10_000));
        }
    }

    [Fact]
    public void Settings_take_the_most_sensitive_configured_thresholds_and_the_lockout_budget()
    {
        var config = Rig.Config(lockoutAttempts: 2, extraChannel: """, { "id": "L2", "adcChannel": 3, "dcTripMa": 5, "acTripMa": 25 }""");

        var settings = SafetyWiring.Settings(config);

        Assert.Equal(5, settings.Detector.DcRatedMa);
        Assert.Equal(25, settings.Detector.AcRatedMa);
        Assert.Equal(2, settings.MaxAttempts);
        Assert.Equal(86400, settings.AttemptWindowSeconds);
    }

    [Fact]
    public void A_measured_self_test_and_a_refused_gain_reach_the_lines_meter_event_topic()
    {
        // docs/safety.md, "Measured self-test": rcm_self_test {line, trigger, gainMvPerMa, offsetMa}; the refusal is an
        // rcm_fault gain_out_of_range whose measured value is the gain.
        var rig = new Rig();
        rig.App.Safety.Relay.RcmSelfTest(new RcmSelfTestEvent(0, SelfTestTrigger.Daily, 8.8123, -0.26));
        rig.App.Safety.Relay.RcmFault(new RcmFaultEvent(0, FaultKind.GainOutOfRange, 10.8));

        var report = Assert.Single(rig.Events(ShopEvents, "rcm_self_test"));
        Assert.Equal("L1", report.GetProperty("line").GetString());
        Assert.Equal("daily", report.GetProperty("trigger").GetString());
        Assert.Equal(8.81, report.GetProperty("gainMvPerMa").GetDouble());
        Assert.Equal(-0.3, report.GetProperty("offsetMa").GetDouble());
        var fault = Assert.Single(rig.Events(ShopEvents, "rcm_fault"));
        Assert.Equal("gain_out_of_range", fault.GetProperty("fault").GetString());
        Assert.Equal(10.8, fault.GetProperty("measured").GetDouble());
    }

    [Fact]
    public void A_configured_channel_the_platform_gives_no_line_stops_the_composition_naming_it()
    {
        var rig = new Rig(addLine: false);

        var error = Assert.Throws<GatewayCompositionException>(rig.Build);

        Assert.Contains("safety channel 'L1'", error.Message);
    }

    [Theory]
    [InlineData("AnyTrip")]
    [InlineData("LocalReset")]
    [InlineData("SafetyClock")]
    [InlineData("SafetyDelay")]
    [InlineData("SafetyStore")]
    public void A_missing_safety_port_stops_the_composition_naming_the_port(string port)
    {
        var rig = new Rig(build: false);
        typeof(GatewayPorts).GetProperty(port)!.SetValue(rig.Ports, null);

        var error = Assert.Throws<GatewayCompositionException>(rig.Build);

        Assert.StartsWith("port " + port + " is not supplied", error.Message);
    }

    /// <summary>One gateway with meter "shop" on tenant line L1 of a one-line fake board; the bus's meter is silent.</summary>
    /// <summary>One tenant line L1 with the SDM120 "shop" (Modbus unit 1) on it; <paramref name="openPaygoLines"/> is JSON members of an OpenPAYGO line on L1 (none when empty).</summary>
    internal sealed class Rig
    {
        private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        private readonly string _openPaygoLine;

        public Rig(bool addLine = true, bool build = true, string openPaygoLine = "")
        {
            _openPaygoLine = openPaygoLine;
            Board = new FakePoleBoard(Clock, 1);
            Ports = new GatewayPorts
            {
                Clock = Clock,
                WallClock = new TestClock(new DateTime(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc)),
                Info = new NoInfo(),
                OutboxStore = new MemoryFileStore(),
                StateStore = new MemoryFileStore(),
                Mqtt = Link,
                CommandKey = new TestKey(Key),
                AnyTrip = Board,
                LocalReset = Board,
                SafetyClock = Board,
                SafetyDelay = Board,
                SafetyStore = new DictionaryStore(),
            };
            Ports.AddBus("rs485", Slaves);
            if (addLine)
            {
                Ports.AddSafetyLine("L1", new LinePorts(Line, Line, Line, Line, Line, null));
            }

            if (build && addLine)
            {
                App = Build();
            }
        }

        public FakeClock Clock { get; } = new();

        public ModbusSlaves Slaves { get; } = new();

        public FakePoleBoard Board { get; }

        public FakeTenantLine Line => Board.Lines[0];

        public FakeLink Link { get; } = new() { IsConnected = false };

        public GatewayPorts Ports { get; }

        public GatewayApp App { get; private set; } = null!;

        public static GatewayConfig Config(int lockoutAttempts = 3, string extraChannel = "", string openPaygoLine = "")
        {
            string json = """
            {
              "feederId": "feeder-north-paravur-01", "gatewayId": "pole-ems-0042",
              "buses": [ { "id": "rs485", "kind": "rs485", "port": "COM2" } ],
              "meters": [ { "id": "shop", "bus": "rs485", "protocol": "modbus", "address": 1, "profile": "eastron-sdm120", "line": "L1" } ],
              "safety": { "channels": [ { "id": "L1", "adcChannel": 0 }EXTRA ], "lockoutAttempts": ATTEMPTS },
              "openPaygoLines": [ OPENPAYGO ],
              "northbound": { "broker": "mqtt://127.0.0.1:1883", "insecure": true, "commandKeyHex": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" }
            }
            """.Replace("EXTRA", extraChannel).Replace("ATTEMPTS", lockoutAttempts.ToString())
                .Replace("OPENPAYGO", openPaygoLine.Length == 0 ? "" : "{ \"line\": \"L1\", " + openPaygoLine + " }");
            var loaded = ConfigReader.Load(json, null);
            Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors.Cast<ConfigError>().Select(e => e.Path + " " + e.Reason)));
            return loaded.Config;
        }

        public GatewayApp Build() => App = new GatewayApp(Config(openPaygoLine: _openPaygoLine), Ports);

        /// <summary>The safety thread's first rounds: power-up self-test, the automatic request and its 1 s probe.</summary>
        public void PowerUp()
        {
            App.Safety.Service.Step();
            while (App.Safety.Service.StateOf(0) == LineState.Probing)
            {
                App.Safety.Service.Step();
            }

            Drain();
        }

        /// <summary>Everything due on the scheduler (uplink, commands, the safety events' relay); the broker acknowledges.</summary>
        public void Drain()
        {
            for (int pass = 0; pass < 3; pass++)
            {
                while (App.Scheduler.RunNext())
                {
                }

                Link.AckAll();
            }
        }

        /// <summary>Leak on the energised line; it must be open within three supervision rounds. The line's rcm_trip event.</summary>
        public JsonElement LeakUntilTripped(double acRmsMa)
        {
            Leak(acRmsMa);
            return Assert.Single(Events(ShopEvents, "rcm_trip"));
        }

        public void Leak(double acRmsMa)
        {
            Line.LeakAcRmsMa = acRmsMa;
            for (int i = 0; i < 3 && App.Safety.Service.StateOf(0) != LineState.Tripped; i++)
            {
                App.Safety.Service.Step();
            }

            Assert.Equal(LineState.Tripped, App.Safety.Service.StateOf(0));
            Assert.False(Line.SsrOn);
            Drain();
        }

        /// <summary>A head-end reconnect for meter "shop", signed with the gateway's key; returns its acks (status, reason).</summary>
        public (string Status, string? Reason)[] Reconnect(string id)
        {
            string topic = Root + "/meter/shop/command";
            DateTime issued = new DateTime(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc).AddMilliseconds(Clock.NowMs);
            JsonNode command = JsonNode.NewObject()
                .Set("id", id)
                .Set("type", "reconnect")
                .Set("issued", issued.ToString("yyyy-MM-ddTHH:mm:ssZ"))
                .Set("expiry", issued.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ"))
                .Set("params", JsonNode.NewObject());
            command.Set("signature", CommandSignature.Sign(new TestKey(Key), topic, command));
            int before = Link.Published.Count;
            Drain();
            Link.Deliver(topic, Encoding.UTF8.GetBytes(command.ToJson()));
            Drain();
            return Link.Published.Skip(before)
                .Select(p => JsonDocument.Parse(p.Payload).RootElement)
                .Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "command_ack" && e.GetProperty("data").GetProperty("commandId").GetString() == id)
                .Select(e => e.GetProperty("data"))
                .Select(d => (d.GetProperty("status").GetString()!, d.TryGetProperty("reason", out var r) ? r.GetString() : null))
                .ToArray();
        }

        /// <summary>The data of every event of <paramref name="type"/> published on <paramref name="topic"/>, in order (first sends only).</summary>
        public List<JsonElement> Events(string topic, string type)
        {
            Drain();
            return Link.Published
                .Where(p => p.Topic == topic && !p.Duplicate)
                .Select(p => JsonDocument.Parse(p.Payload).RootElement)
                .Where(e => e.GetProperty("type").GetString() == type)
                .Select(e => e.GetProperty("data"))
                .ToList();
        }
    }

    private sealed class NoInfo : IGatewayInfo
    {
        public string FirmwareVersion => "0.1.0-test";

        public long UptimeSeconds => 0;

        public int SignalDbm => 0;
    }

    private sealed class DictionaryStore : OpenAmi.Safety.Ports.ISafetyStore
    {
        private readonly Dictionary<string, byte[]> _records = new();

        public byte[] Load(string key) => _records.TryGetValue(key, out var data) ? (byte[])data.Clone() : null!;

        public void Save(string key, byte[] data, int count) => _records[key] = data.AsSpan(0, count).ToArray();
    }
}
