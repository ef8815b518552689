using System.Globalization;
using System.Text.Json;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Metering.Intervals;
using OpenAmi.TestSupport;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// The gateway's own backfill in the default scenario (tools/scenarios/default.json, six hours from 06:00): the
/// emulated vendors' profiles map their load profile (1-0:99.1.0, 15 minutes; docs/emulator.md), so each of the four
/// DLMS meters is followed. Expected from the scenario and the rules of docs/metering.md alone: a meter the gateway
/// has never seen starts its mark at the newest boundary when it first reaches it (06:00), so its first interval is
/// 06:15's; from there one envelope per 15-minute slot to the end of the run, none twice — also for shop-2, silent
/// 07:00–08:00. A meter with a mark on flash is read back from it, but never further than the horizon.
/// </summary>
public class BackfillFeederTests
{
    private static readonly string[] DlmsMeters = { "head-12000001", "shop-2", "clinic-12000004", "kiosk-6" };

    [Fact]
    public void A_first_boot_publishes_every_slot_from_the_gateway_s_start_once_through_a_meter_outage()
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        var lines = Run(scenario, config, null);

        var firstSlot = scenario.StartUtc.AddMinutes(15);
        foreach (string meter in DlmsMeters)
        {
            var times = IntervalTimes(lines, meter);

            // Oldest first, each slot once, no slot skipped, from the first boundary after the start to within one poll period of the end.
            Assert.Equal(firstSlot, times[0]);
            Assert.Equal(times.Count, times.Distinct().Count());
            Assert.Equal(Enumerable.Range(0, times.Count).Select(i => firstSlot.AddMinutes(15 * i)), times);
            Assert.InRange(times[^1], scenario.StartUtc.AddHours(5.5), scenario.StartUtc.AddHours(6));
        }
    }

    [Theory]
    [InlineData(7 * 86400, 3 * 86400, 3 * 86400)] // the mark three days back, inside the default 7-day horizon: read from the mark
    [InlineData(86400, 3 * 86400, 86400)] // intervals.backfillHorizonS 1 day (docs/gateway.md): the horizon bounds it
    public void A_meter_known_from_flash_is_read_back_from_its_mark_but_never_beyond_the_horizon(int horizonS, int markAgoS, int readBackS)
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        config.Intervals.BackfillHorizonS = horizonS;
        var lines = Run(scenario, config, scenario.StartUtc.AddSeconds(-markAgoS));

        // The oldest slot read is the first boundary after the later of the mark and boot − horizon.
        var firstSlot = scenario.StartUtc.AddSeconds(-readBackS).AddMinutes(15);
        foreach (string meter in DlmsMeters)
        {
            var times = IntervalTimes(lines, meter);
            Assert.Equal(Enumerable.Range(0, times.Count).Select(i => firstSlot.AddMinutes(15 * i)), times);
            Assert.InRange(times[^1], scenario.StartUtc.AddHours(5.5), scenario.StartUtc.AddHours(6));
        }
    }

    [Fact]
    public void A_backfill_larger_than_the_outbox_waits_for_room_instead_of_evicting_what_is_queued()
    {
        // Marks on flash two days back: 192 intervals owed per DLMS meter, 768 envelopes of about 350 B on the wire
        // with their topic and record framing, some 270 KB, twice the 128 KiB outbox. The head-end is unreachable for
        // the first hour, so nothing drains while the backfill starts. Without waiting for room, the backfill would
        // make the outbox evict (data_gap with an outbox sequence range, docs/northbound.md "Gap accounting"); it
        // waits instead, and once the broker is back every owed slot still arrives once, oldest first.
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        var outage = scenario with
        {
            DurationMs = 3 * 3600_000,
            Events = [new ScenarioEvent(0, ScenarioEventType.BrokerDown), new ScenarioEvent(3600_000, ScenarioEventType.BrokerUp)],
        };
        var lines = Run(outage, config, scenario.StartUtc.AddDays(-2));

        Assert.DoesNotContain(lines, l => l.GetProperty("topic").GetString()!.EndsWith("/event")
            && l.GetProperty("payload").GetProperty("type").GetString() == "data_gap");
        var firstSlot = scenario.StartUtc.AddDays(-2).AddMinutes(15);
        foreach (string meter in DlmsMeters)
        {
            var times = IntervalTimes(lines, meter);
            Assert.Equal(Enumerable.Range(0, times.Count).Select(i => firstSlot.AddMinutes(15 * i)), times);
            Assert.InRange(times[^1], scenario.StartUtc.AddHours(2.5), scenario.StartUtc.AddHours(3));
        }
    }

    /// <summary>The scenario on the default feeder, every published message as JSON; <paramref name="mark"/> on flash for every DLMS meter first (null: a new gateway).</summary>
    private static List<JsonElement> Run(Scenario scenario, OpenAmi.Gateway.Config.GatewayConfig config, DateTime? mark)
    {
        var output = new StringWriter();
        var clock = new SimulatedClock(scenario.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(output));
        if (mark != null)
        {
            // The gateway opens its marks' record at its first backfill step, after this.
            var marks = new IntervalHighWater(world.Ports.StateStore);
            foreach (string meter in DlmsMeters)
            {
                marks.Advance(meter, mark.Value);
            }
        }

        new FeederRunner(clock, world.Scheduler, scenario, world.Apply).Run();
        world.Finish();
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    /// <summary>The capture times of a meter's backfilled envelopes, in arrival order.</summary>
    private static List<DateTime> IntervalTimes(List<JsonElement> lines, string meter)
    {
        var intervals = lines.Where(l => l.GetProperty("topic").GetString() == $"openami/v1/feeder-demo-01/pole-0001/meter/{meter}/telemetry")
            .Select(l => l.GetProperty("payload"))
            .Where(IntervalEnvelopes.Is)
            .ToList();
        Schemas.AssertValid(Schemas.Telemetry, intervals[0].GetRawText());
        return intervals.Select(p => DateTime.Parse(p.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
    }
}
