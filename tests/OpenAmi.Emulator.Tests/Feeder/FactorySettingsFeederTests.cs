using System.Text.Json;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// Issue 29: the Modbus feeder (tools/scenarios/feeder-modbus.json, 9600 Bd) with its head meter, an SDM120 at
/// address 1, left at its factory speed. Eastron's SDM120 Modbus protocol (V2.4/V2.5, holding register 001Ch
/// "Baud rate", default 2400) gives 2400 Bd 8N1 and address 1 as the factory settings: registration at 9600 Bd
/// fails, the gateway's factory scan finds it and says what to do.
/// </summary>
public class FactorySettingsFeederTests
{
    private static List<JsonElement> Run(int headBaud)
    {
        var loaded = ConfigReader.Load(File.ReadAllText(Path.Combine(ScenarioFiles.Directory, "feeder-modbus.json")), null);
        Assert.True(loaded.IsValid);
        var clock = new SimulatedClock(new DateTime(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc), 0);
        var output = new StringWriter();
        using (var world = new FeederWorld(loaded.Config, clock, new LineBrokerLink(output)))
        {
            ((ModbusFeederMeter)world.MeterDevice("head-12000001")).Simulation.Baud = headBaud;
            // Three registration attempts of the head meter (instantaneousS 900 is the retry interval).
            new FeederRunner(clock, world.Scheduler, new Scenario("factory-sdm120", "", clock.UtcNow, (2 * 900 + 60) * 1000L, null, []), world.Apply).Run();
            world.Finish();
        }

        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    private static List<JsonElement> Events(List<JsonElement> lines, string meter, string type) =>
        lines.Where(l => l.GetProperty("topic").GetString() == $"openami/v1/feeder-demo-01/pole-0001/meter/{meter}/event")
            .Select(l => l.GetProperty("payload"))
            .Where(p => p.GetProperty("type").GetString() == type).ToList();

    [Fact]
    public void A_factory_default_sdm120_on_a_9600_Bd_feeder_is_reported_once_with_the_step_to_take()
    {
        var lines = Run(headBaud: 2400);

        var diagnostic = Assert.Single(Events(lines, "head-12000001", "diagnostic"));
        var data = diagnostic.GetProperty("data");
        Assert.Equal("meter_at_factory_settings", data.GetProperty("code").GetString());
        // Sdm120Simulation's serial is 12 000 000 + unit.
        Assert.Equal("eastron-sdm120 answers at its factory settings 2400 Bd 8N1, address 1 (serial 12000001), not at the bus's 9600 Bd: "
            + "set the meter to 9600 Bd and address 1 (or run the bus at 2400 Bd)", data.GetProperty("detail").GetString());
        Assert.Empty(Events(lines, "head-12000001", "meter_registered"));
        // The scan put the line back: the other meters registered at 9600 Bd, none of them reported.
        foreach (var meter in new[] { "shop-2", "mill-3", "clinic-12000004" })
        {
            Assert.Single(Events(lines, meter, "meter_registered"));
            Assert.Empty(Events(lines, meter, "diagnostic"));
        }
    }

    [Fact]
    public void A_commissioned_sdm120_registers_without_a_diagnostic()
    {
        var lines = Run(headBaud: 9600);

        Assert.Single(Events(lines, "head-12000001", "meter_registered"));
        Assert.DoesNotContain(lines, l => l.GetProperty("payload").TryGetProperty("type", out var t) && t.GetString() == "diagnostic");
    }
}
