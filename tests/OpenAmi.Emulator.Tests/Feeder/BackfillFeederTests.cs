using System.Globalization;
using System.Text.Json;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Metering.Profiles;
using OpenAmi.TestSupport;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// The gateway's own backfill in the default scenario (tools/scenarios/default.json, six hours from 06:00): its
/// sunbird-s1 meters given a vendor profile that maps their load profile (1-0:99.1.0, 15 minutes; docs/emulator.md),
/// the gateway restarted at 06:00 to boot with it. Expected from the scenario and the horizon alone: one envelope per
/// 15-minute slot from 7 days before the boot to the end of the run, none twice — also for shop-2, silent 07:00–08:00.
/// </summary>
public class BackfillFeederTests
{
    private static readonly string[] Columns = { "1.8.0", "32.7.0", "1.7.0" };

    [Fact]
    public void Every_load_profile_slot_reaches_the_head_end_once_through_a_meter_outage()
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        var lines = Run(scenario, config);

        var firstSlot = scenario.StartUtc.AddDays(-7).AddMinutes(15);
        foreach (string meter in new[] { "head-12000001", "shop-2" })
        {
            var times = IntervalTimes(lines, meter);

            // Oldest first, each slot once, no slot skipped, from the horizon to within one poll period of the end.
            Assert.Equal(firstSlot, times[0]);
            Assert.Equal(times.Count, times.Distinct().Count());
            Assert.Equal(Enumerable.Range(0, times.Count).Select(i => firstSlot.AddMinutes(15 * i)), times);
            Assert.InRange(times[^1], scenario.StartUtc.AddHours(5.5), scenario.StartUtc.AddHours(6));
        }
    }

    [Fact]
    public void The_configured_horizon_bounds_how_far_back_the_gateway_reads()
    {
        // intervals.backfillHorizonS 1 day (docs/gateway.md): the oldest slot read is the first boundary after boot − 24 h.
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        config.Intervals.BackfillHorizonS = 86400;
        var lines = Run(scenario, config);

        var firstSlot = scenario.StartUtc.AddDays(-1).AddMinutes(15);
        foreach (string meter in new[] { "head-12000001", "shop-2" })
        {
            var times = IntervalTimes(lines, meter);
            Assert.Equal(Enumerable.Range(0, times.Count).Select(i => firstSlot.AddMinutes(15 * i)), times);
            Assert.InRange(times[^1], scenario.StartUtc.AddHours(5.5), scenario.StartUtc.AddHours(6));
        }
    }

    /// <summary>The default scenario with the sunbird-s1 load profile mapped, every published message as JSON.</summary>
    private static List<JsonElement> Run(Scenario scenario, OpenAmi.Gateway.Config.GatewayConfig config)
    {
        var output = new StringWriter();
        var clock = new SimulatedClock(scenario.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(output));
        world.Ports.AddProfile(WithLoadProfile(MeterProfile.Sunbird));
        world.Apply(new ScenarioEvent(0, ScenarioEventType.GatewayReboot));
        new FeederRunner(clock, world.Scheduler, scenario, world.Apply).Run();
        world.Finish();
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    /// <summary>The capture times of a meter's backfilled envelopes (those carrying exactly the profile's columns), in arrival order.</summary>
    private static List<DateTime> IntervalTimes(List<JsonElement> lines, string meter)
    {
        var intervals = lines.Where(l => l.GetProperty("topic").GetString() == $"openami/v1/feeder-demo-01/pole-0001/meter/{meter}/telemetry")
            .Select(l => l.GetProperty("payload"))
            .Where(p => p.GetProperty("registers").EnumerateArray().Select(r => r.GetProperty("obis").GetString()).SequenceEqual(Columns))
            .ToList();
        Schemas.AssertValid(Schemas.Telemetry, intervals[0].GetRawText());
        return intervals.Select(p => DateTime.Parse(p.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
    }

    /// <summary>The emulated vendor's profile with its load profile mapped (the emulated meters capture +A, −A, voltage and power).</summary>
    private static VendorProfile WithLoadProfile(MeterProfile p)
    {
        string json = EmulatedVendorProfiles.Json(p);
        json = json[..json.LastIndexOf('}')] +
               @", ""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {}, ""32.7.0"": {}, ""1.7.0"": {} } } ] }";
        var result = ProfileReader.Load(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Cast<ProfileError>().Select(e => e.Path + ": " + e.Reason)));
        return result.Profile!;
    }
}
