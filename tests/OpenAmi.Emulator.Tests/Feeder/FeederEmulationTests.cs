using System.Text.Json;
using OpenAmi.Emulator.Feeder;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// The shipped default scenario run end to end through the real libraries on the mixed feeder
/// (tools/scenarios/feeder-mixed.json: DLMS meters of three emulated vendors on RS-485 and behind an optical
/// head, Modbus meters on the same RS-485 line; Metering polling, registration, clock sync and theft checks, the
/// gateway's bridge, Northbound uplink and outbox), with the output read back as an independent consumer would
/// read the stdout contract.
/// </summary>
public class FeederEmulationTests
{
    private static (EmulationSummary Summary, List<JsonElement> Lines) RunDefault()
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        var output = new StringWriter();
        var summary = FeederEmulation.Run(scenario, config, 0, new LineBrokerLink(output));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (summary, lines);
    }

    private static IEnumerable<JsonElement> Payloads(List<JsonElement> lines, string suffix) =>
        lines.Where(l => l.GetProperty("topic").GetString()!.EndsWith(suffix)).Select(l => l.GetProperty("payload"));

    /// <summary>A meter's live telemetry (its backfilled load-profile intervals left out).</summary>
    private static IEnumerable<JsonElement> Live(List<JsonElement> lines, string meter) =>
        Payloads(lines, "/meter/" + meter + "/telemetry").Where(p => !IntervalEnvelopes.Is(p));

    [Fact]
    public void Every_line_follows_the_output_contract_and_every_built_envelope_is_published()
    {
        var (summary, lines) = RunDefault();

        Assert.Equal(summary.MessagesPublished, lines.Count);
        foreach (var line in lines)
        {
            Assert.Equal(new[] { "topic", "qos", "retain", "payload" }, line.EnumerateObject().Select(p => p.Name));
            Assert.StartsWith("openami/v1/feeder-demo-01/pole-0001/", line.GetProperty("topic").GetString());
            Assert.Equal(1, line.GetProperty("qos").GetInt32());
            // Only the gateway status topic is retained (birth / last will).
            Assert.Equal(line.GetProperty("topic").GetString()!.EndsWith("/status"), line.GetProperty("retain").GetBoolean());
        }

        Assert.Equal(6, summary.MetersRead);
        Assert.True(summary.EnvelopesBuilt > 0);
        Assert.Equal(summary.EnvelopesBuilt, summary.EnvelopesPublished);
        Assert.Equal(0, summary.OutboxLeft);
    }

    [Fact]
    public void No_reading_is_lost_across_the_broker_outage_and_order_is_kept_per_meter()
    {
        // The broker is away from 08:30 to 09:00 (scenario atS 9000–10800 from 06:00). Every 15-minute read of the
        // head meter's power (1.7.0, instantaneous class) from 06:00 to 12:00 must be on the output, in order, one
        // per quarter hour: 25 reads (the items fall due at whole quarter hours from the boot at 06:00, and the run
        // still takes the transaction due at its very last instant, 12:00).
        var (_, lines) = RunDefault();
        var times = Live(lines, "head-12000001")
            .Where(p => p.GetProperty("registers").EnumerateArray().Any(r => r.GetProperty("obis").GetString() == "1.7.0"))
            .Select(p => DateTime.Parse(p.GetProperty("ts").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal))
            .ToList();

        var slots = times.Select(t => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute / 15 * 15, 0)).ToList();
        var expected = Enumerable.Range(0, 25).Select(i => new DateTime(2026, 6, 22, 6, 0, 0).AddMinutes(15 * i)).ToList();
        Assert.Equal(expected, slots);
        Assert.Equal(times.OrderBy(t => t), times);
    }

    [Fact]
    public void The_silent_meter_is_reported_lost_then_restored_and_flagged_comms_lost_meanwhile()
    {
        var (_, lines) = RunDefault();
        var events = Payloads(lines, "/meter/shop-2/event").Select(p => (p.GetProperty("type").GetString(), p.GetProperty("ts").GetString()))
            .Where(e => e.Item1 != "meter_registered").ToList();

        // meter_down at 07:00, meter_up at 08:00 (scenario atS 3600 and 7200 from 06:00), polls on the quarter hour.
        Assert.Equal("comms_lost", events[0].Item1);
        Assert.StartsWith("2026-06-22T07:00", events[0].Item2);
        Assert.Equal("comms_restored", events[1].Item1);
        Assert.StartsWith("2026-06-22T08:00", events[1].Item2);
        var duringOutage = Live(lines, "shop-2")
            .Where(p => string.CompareOrdinal(p.GetProperty("ts").GetString(), "2026-06-22T07:00") > 0 && string.CompareOrdinal(p.GetProperty("ts").GetString(), "2026-06-22T07:59") < 0)
            .SelectMany(p => p.GetProperty("registers").EnumerateArray());
        Assert.All(duringOutage, r => Assert.Equal("comms_lost", r.GetProperty("quality").GetString()));
    }

    [Fact]
    public void The_bypassed_meter_shows_in_the_energy_balance_with_the_hand_computed_imbalance()
    {
        // Loads (FeederWorld.Metering: 200 + 150 W × configuration index): shop 350 W, mill 500 W, clinic 650 W,
        // pump 800 W, kiosk 950 W = 3250 W; the head sees them plus 5 % technical loss: 3412.5 Wh per hour.
        // From 09:30 the mill meter registers only 40 % (bypass 60 %): 200 W.
        // Window 09:00–10:00: customers 3250 − 300 / 2 = 3100 Wh; imbalance 312.5 Wh = 9.16 % > 8 % allowance.
        // Window 10:00–11:00: customers 3250 − 300 = 2950 Wh; imbalance 462.5 Wh = 13.55 %.
        // Before the theft the 5 % loss stays inside the allowance: no event.
        // Register resolutions bound the error: head (sunbird-s1) 1 Wh, clinic (kestrel-p3, scaler 1) 10 Wh, mill
        // (DDS238) 10 Wh, kiosk 0.1 Wh, shop 1 Wh, pump (float32 kWh near 1400) 0.12 Wh: ±1 Wh at the head, ±25 Wh
        // for the customers' sum, so ±0.75 % on the percentage.
        var (_, lines) = RunDefault();
        var imbalances = Payloads(lines, "/meter/head-12000001/event")
            .Where(p => p.GetProperty("type").GetString() == "energy_imbalance")
            .Select(p => (Ts: p.GetProperty("ts").GetString()!, Data: p.GetProperty("data")))
            .ToList();

        Assert.Equal(new[] { "2026-06-22T10", "2026-06-22T11" }, imbalances.Select(i => i.Ts[..13]));
        Assert.Equal(9.16, imbalances[0].Data.GetProperty("imbalancePercent").GetDouble(), 0.75);
        var full = imbalances[1].Data;
        Assert.Equal(3.4125, full.GetProperty("headKWh").GetDouble(), 0.0015);
        Assert.Equal(2.95, full.GetProperty("customersKWh").GetDouble(), 0.025);
        Assert.Equal(13.55, full.GetProperty("imbalancePercent").GetDouble(), 0.75);
        Assert.Equal(8, full.GetProperty("allowancePercent").GetDouble());
    }

    [Fact]
    public void Every_scenario_event_is_wired_and_shows_in_what_the_gateway_published()
    {
        var (summary, lines) = RunDefault();
        var json = summary.ToJson();

        Assert.Empty(json["notWired"]!.AsObject());
        Assert.Contains(lines, l => l.GetProperty("payload").TryGetProperty("type", out var t) && t.GetString() == "rcm_trip");
        Assert.Equal(2, lines.Count(l => l.GetProperty("payload").TryGetProperty("type", out var t) && t.GetString() == "token_accepted"));
    }
}
