using System.Globalization;
using System.Text.Json;
using OpenAmi.Emulator.Feeder;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// The default scenario's mixed feeder (tools/scenarios/feeder-mixed.json) as the head-end sees it: serials read
/// at registration, the optical meter, the head meter's clock drift corrected, float32 registers at float
/// precision. The run is driven here (not through FeederEmulation.Run) so the emulated meters can be looked at
/// afterwards.
/// </summary>
public class MixedFeederTests
{
    private sealed record Run(List<JsonElement> Lines, EmulationSummary Summary, TimeSpan HeadClockOffset, TimeSpan KioskClockOffset);

    private static readonly Lazy<Run> Default = new(() =>
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        var output = new StringWriter();
        var clock = new SimulatedClock(scenario.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(output));
        new FeederRunner(clock, world.Scheduler, scenario, world.Apply).Run();
        world.Finish();
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return new Run(lines, world.Summary,
            ((FeederDlmsMeter)world.MeterDevice("head-12000001")).ClockOffset,
            ((FeederDlmsMeter)world.MeterDevice("kiosk-6")).ClockOffset);
    });

    private static IEnumerable<JsonElement> Events(string meter, string type) =>
        Default.Value.Lines.Where(l => l.GetProperty("topic").GetString() == $"openami/v1/feeder-demo-01/pole-0001/meter/{meter}/event")
            .Select(l => l.GetProperty("payload"))
            .Where(p => p.GetProperty("type").GetString() == type);

    /// <summary>The registers read in live sweeps (backfilled intervals left out).</summary>
    private static IEnumerable<JsonElement> Registers(string meter, string obis) =>
        Default.Value.Lines.Where(l => l.GetProperty("topic").GetString() == $"openami/v1/feeder-demo-01/pole-0001/meter/{meter}/telemetry" && !IntervalEnvelopes.Is(l.GetProperty("payload")))
            .SelectMany(l => l.GetProperty("payload").GetProperty("registers").EnumerateArray())
            .Where(r => r.GetProperty("obis").GetString() == obis);

    // Serials: the emulated vendors' own (MeterProfile: SB1-000123, KP3-2024-0917, OQ-778899; a second sunbird-s1
    // gets its HDLC address appended), the SDM120 simulation's 12 000 000 + unit, and for the DDS238 — whose
    // datasheet defines no serial register — Metering's stand-in "profile id @ unit id", flagged synthetic.
    [Theory]
    [InlineData("head-12000001", "SB1-000123", false, "sunbird-s1")]
    [InlineData("shop-2", "SB1-000123-18", false, "sunbird-s1")]
    [InlineData("mill-3", "hiking-dds238@3", true, "hiking-dds238")]
    [InlineData("clinic-12000004", "KP3-2024-0917", false, "kestrel-p3")]
    [InlineData("pump-5", "12000005", false, "eastron-sdm120")]
    [InlineData("kiosk-6", "OQ-778899", false, "optiq-e1")]
    public void Every_meter_registers_once_under_its_configuration_id_with_the_serial_it_reports(string meter, string serial, bool synthetic, string profile)
    {
        var registered = Assert.Single(Events(meter, "meter_registered"));
        Assert.Equal(meter, registered.GetProperty("meterSerial").GetString());
        var data = registered.GetProperty("data");
        Assert.Equal(serial, data.GetProperty("serial").GetString());
        Assert.Equal(synthetic, data.GetProperty("serialSynthetic").GetBoolean());
        Assert.Equal(profile, data.GetProperty("profile").GetString());
        Assert.StartsWith("2026-06-22T06:00:", registered.GetProperty("ts").GetString());
    }

    [Fact]
    public void The_head_meter_clock_drift_is_published_and_corrected()
    {
        // clock_drift at atS 18000 (11:00) jumps the head meter's clock by 45 s; clock checks are hourly
        // (feeder-mixed.json clockCheckS 3600) from the first sweep at 06:00:00.5, so the 11:00 check finds it.
        var adjusted = Assert.Single(Default.Value.Lines.Select(l => l.GetProperty("payload")),
            p => p.TryGetProperty("type", out var t) && t.GetString() == "clock_adjusted");
        Assert.Equal("head-12000001", adjusted.GetProperty("meterSerial").GetString());
        Assert.StartsWith("2026-06-22T11:00:", adjusted.GetProperty("ts").GetString());
        var data = adjusted.GetProperty("data");
        Assert.Equal(45, data.GetProperty("driftS").GetDouble(), 1.0);
        Assert.Equal("corrected", data.GetProperty("action").GetString());

        // The gateway wrote the clock: the meter is back within the 2 s limit (clockDriftLimitS default).
        Assert.InRange(Default.Value.HeadClockOffset.TotalSeconds, -2, 2);
        Assert.InRange(Default.Value.KioskClockOffset.TotalSeconds, -2, 2);
    }

    [Fact]
    public void The_optical_meter_is_read_through_its_head_all_along()
    {
        // kiosk-6 (optiq-e1, 950 W) behind the optical head: power every 15 minutes from 06:00 to 11:45 (24 reads;
        // the 12:00 one is due at the run's last instant, which the RS-485 bus's transaction has already passed), all good.
        var power = Registers("kiosk-6", "1.7.0").ToList();
        Assert.Equal(24, power.Count);
        Assert.All(power, r => Assert.Equal("good", r.GetProperty("quality").GetString()));
        Assert.All(power, r => Assert.Equal(950, r.GetProperty("value").GetDouble()));
    }

    [Fact]
    public void Float32_registers_are_published_at_float_precision()
    {
        // pump-5 is an SDM120 (float32 kWh): every energy value on the wire must be the shortest decimal of a float
        // — what .NET's shortest round-trip formatting of that float gives — never its binary expansion.
        var energies = Registers("pump-5", "1.8.0").Select(r => r.GetProperty("value").GetDouble()).ToList();
        Assert.NotEmpty(energies);
        Assert.All(energies, v => Assert.Equal(v, double.Parse(((float)v).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
        Assert.All(Registers("pump-5", "1.7.0"), r => Assert.Equal(800, r.GetProperty("value").GetDouble()));
    }

    [Theory]
    [InlineData("\"profile\": \"optiq-e1\"", "\"profile\": \"sunbird-s1\"", "$.meters[5].bus: the emulated 'sunbird-s1' has no optical port")]
    [InlineData("\"address\": 18, \"profile\": \"sunbird-s1\"", "\"address\": 18, \"profile\": \"optiq-e1\"", "$.meters[1].bus: the emulated 'optiq-e1' has only an optical port")]
    public void A_meter_the_emulator_cannot_put_on_its_bus_is_refused_naming_it(string from, string to, string expected)
    {
        string json = File.ReadAllText(Path.Combine(ScenarioFiles.Directory, "feeder-mixed.json"));
        Assert.Contains(from, json);
        var loaded = OpenAmi.Gateway.Config.ConfigReader.Load(json.Replace(from, to), null);
        Assert.True(loaded.IsValid);
        var clock = new SimulatedClock(new DateTime(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc), 0);

        var error = Assert.Throws<NotSupportedException>(() => new FeederWorld(loaded.Config, clock, new LineBrokerLink(new StringWriter())).Dispose());
        Assert.StartsWith(expected, error.Message);
    }
}
