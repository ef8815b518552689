using System.Text.Json;

namespace OpenAmi.Emulator.Tests.EndToEnd;

/// <summary>
/// The default scenario (tools/scenarios/default.json, feeder-mixed.json) through a real mosquitto, area by area,
/// as the independent subscriber saw it: the safety trip and the refused reconnect, the two tokens, the DLMS and
/// optical meters, the corrected clock, the silent meter. Times are the scenario's atS after its 06:00 start.
/// </summary>
public class DefaultScenarioEndToEndTests
{
    private static readonly DateTime Start = new(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc);

    private static BrokerScenarioRun Run => BrokerScenarioRun.Of("default");

    [Fact]
    public void Leakage_trips_the_line_and_a_reconnect_is_refused_while_it_persists_then_granted_once_it_cleared()
    {
        // L1 feeds shop-2 (feeder-mixed.json), so its events are on shop-2's topic. Leakage at atS 14400 (10:00),
        // reconnects requested at 14460 (10:01) and, after the clear at 16200 (10:30), at 16260 (10:31).
        var shop = Run.Events().Where(m => m.Meter == "shop-2").ToList();
        var trip = shop.First(m => Type(m) == "rcm_trip");
        Assert.Equal(Start.AddSeconds(14400), trip.Ts);
        Assert.Equal("L1", Data(trip).GetProperty("line").GetString());
        Assert.False(Data(trip).GetProperty("duringProbe").GetBoolean());

        var reconnects = Run.FirstArrivals("command").Where(m => m.Meter == "shop-2").Select(m => m.Json).ToList();
        Assert.Equal(["reconnect", "reconnect"], reconnects.Select(c => c.GetProperty("type").GetString()));
        var whileLeaking = Acks(shop, reconnects[0].GetProperty("id").GetString()!);
        Assert.Equal([("accepted", null), ("rejected", "leakage_persists")], whileLeaking);
        var refused = Assert.Single(shop, m => Type(m) == "rcm_refused");
        Assert.Equal(Start.AddSeconds(14460), refused.Ts);
        Assert.Equal("L1", Data(refused).GetProperty("line").GetString());
        Assert.Equal("leakage_persists", Data(refused).GetProperty("reason").GetString());

        // Never restored while the leakage lasted; restored by the reconnect after it cleared.
        var restore = Assert.Single(shop, m => Type(m) == "rcm_restore");
        Assert.Equal(Start.AddSeconds(16260), restore.Ts);
        Assert.Equal([("accepted", null), ("done", null)], Acks(shop, reconnects[1].GetProperty("id").GetString()!));
    }

    [Fact]
    public void Keypad_and_head_end_tokens_are_accepted_by_the_clinics_sts_meter()
    {
        // keypad_token at atS 16500 (10:35) for account 4 = clinic-12000004; remote_token at 17000 (10:43:20).
        var clinic = Run.Events().Where(m => m.Meter == "clinic-12000004").ToList();
        var accepted = clinic.Where(m => Type(m) == "token_accepted").ToList();
        Assert.Equal(["keypad", "remote"], accepted.Select(m => Data(m).GetProperty("source").GetString()));
        Assert.All(accepted, m => Assert.Equal("sts", Data(m).GetProperty("scheme").GetString()));
        Assert.InRange(accepted[0].Ts, Start.AddSeconds(16500), Start.AddSeconds(16501));
        Assert.InRange(accepted[1].Ts, Start.AddSeconds(17000), Start.AddSeconds(17001));

        var command = Assert.Single(Run.FirstArrivals("command"), m => m.Meter == "clinic-12000004").Json;
        Assert.Equal("token", command.GetProperty("type").GetString());
        string id = command.GetProperty("id").GetString()!;
        Assert.Equal(id, Data(accepted[1]).GetProperty("requestId").GetString());
        Assert.Equal([("accepted", null), ("done", null)], Acks(clinic, id));
        Assert.DoesNotContain(clinic, m => Type(m) == "token_rejected");
    }

    [Fact]
    public void The_clinics_credit_register_grows_by_the_two_vended_tokens()
    {
        // EmulatedMeterState starts every STS meter at 125.50 kWh of credit; the scenario vends 5 kWh (keypad) and
        // 10 kWh (head-end) between the 10:30 and the 10:45 sweeps: 125.5 → 140.5.
        var credit = Run.FirstArrivals("telemetry").Where(m => m.Meter == "clinic-12000004")
            .SelectMany(m => m.Json.GetProperty("registers").EnumerateArray().Select(r => (m.Ts, Register: r)))
            .Where(x => x.Register.GetProperty("obis").GetString() == "0.0.19.10.0.255")
            .ToList();
        double Before(int atS) => credit.Last(x => x.Ts < Start.AddSeconds(atS)).Register.GetProperty("value").GetDouble();

        Assert.Equal(125.5, Before(16500), 6);
        Assert.Equal(140.5, Before(18000), 6);
    }

    [Fact]
    public void Every_dlms_optical_and_modbus_meter_is_registered_under_its_profile_and_read_good_except_while_silent()
    {
        foreach (var meter in Run.Config.Meters)
        {
            var registered = Assert.Single(Run.Events("meter_registered"), m => m.Meter == meter.Id);
            Assert.Equal(meter.Profile, Data(registered).GetProperty("profile").GetString());
        }

        // shop-2 is silent 07:00–08:00 (atS 3600–7200): its live registers are comms_lost then and only then. The
        // intervals its load profile captured meanwhile, read back once it answers again, are good: the meter measured them.
        foreach (var envelope in Run.FirstArrivals("telemetry"))
        {
            bool silent = envelope.Meter == "shop-2" && envelope.Ts >= Start.AddSeconds(3600) && envelope.Ts < Start.AddSeconds(7200) && !BrokerScenarioRun.IsInterval(envelope);
            Assert.All(envelope.Json.GetProperty("registers").EnumerateArray(), r => Assert.Equal(silent ? "comms_lost" : "good", r.GetProperty("quality").GetString()));
        }

        var lost = Assert.Single(Run.Events("comms_lost"));
        Assert.Equal("shop-2", lost.Meter);
        Assert.InRange(lost.Ts, Start.AddSeconds(3600), Start.AddSeconds(3600 + 60));
        var restored = Assert.Single(Run.Events("comms_restored"));
        Assert.InRange(restored.Ts, Start.AddSeconds(7200), Start.AddSeconds(7200 + 60));
    }

    [Fact]
    public void The_drifted_head_meter_clock_is_corrected_at_the_next_clock_check()
    {
        // clock_drift at atS 18000 (11:00) puts head-12000001's clock 45 s ahead; the hourly clock check (clockCheckS
        // 3600) reads it in that same sweep, publishes the reading, corrects it, and the 12:00 reading is right again.
        var adjusted = Assert.Single(Run.Events("clock_adjusted"));
        Assert.Equal("head-12000001", adjusted.Meter);
        Assert.Equal("corrected", Data(adjusted).GetProperty("action").GetString());
        Assert.InRange(Data(adjusted).GetProperty("driftS").GetDouble(), 45, 46);
        Assert.InRange(adjusted.Ts, Start.AddSeconds(18000), Start.AddSeconds(18001));

        var clockReadings = Run.FirstArrivals("telemetry").Where(m => m.Meter == "head-12000001")
            .SelectMany(m => m.Json.GetProperty("registers").EnumerateArray().Select(r => (m.Ts, Register: r)))
            .Where(x => x.Register.GetProperty("obis").GetString() == "0.0.1.0.0.255")
            .Select(x => (x.Ts, Clock: DateTime.Parse(x.Register.GetProperty("value").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal)))
            .ToList();
        var drifted = clockReadings.Single(x => x.Ts >= Start.AddSeconds(18000) && x.Ts < Start.AddSeconds(18900));
        Assert.InRange((drifted.Clock - drifted.Ts).TotalSeconds, 44, 46);
        Assert.All(clockReadings.Where(x => x.Ts >= Start.AddSeconds(18900)), x => Assert.InRange((x.Clock - x.Ts).TotalSeconds, -1, 1));
    }

    private static string Type(BrokerMessage m) => m.Json.GetProperty("type").GetString()!;

    private static JsonElement Data(BrokerMessage m) => m.Json.GetProperty("data");

    /// <summary>The command_ack statuses (and reasons) for one command id, in order.</summary>
    private static (string Status, string? Reason)[] Acks(IEnumerable<BrokerMessage> events, string commandId) =>
        events.Where(m => Type(m) == "command_ack" && Data(m).GetProperty("commandId").GetString() == commandId)
            .Select(m => (Data(m).GetProperty("status").GetString()!, Data(m).TryGetProperty("reason", out var r) ? r.GetString() : null))
            .ToArray();
}
