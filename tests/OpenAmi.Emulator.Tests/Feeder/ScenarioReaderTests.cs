using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Emulator.Tests.Feeder;

public class ScenarioReaderTests
{
    private const string Sample = """
    {
      "name": "outage-and-trip",
      "description": "a meter dies, a line leaks, the broker goes away",
      "start": "2026-06-22T14:00:00Z",
      "durationS": 7200,
      "events": [
        { "atS": 1800, "type": "leakage", "line": "L1", "waveform": "ac", "ma": 45 },
        { "atS": 600, "type": "meter_down", "meter": "shop" },
        { "atS": 1800, "type": "remote_reconnect", "line": "L1" },
        { "atS": 2400.5, "type": "keypad_token", "account": "12", "token": "12345678901234567890" },
        { "atS": 3000, "type": "broker_down" },
        { "atS": 3600, "type": "theft", "meter": "mill", "bypassPercent": 40 },
        { "atS": 4000, "type": "clock_drift", "meter": "head", "driftS": -30 }
      ]
    }
    """;

    private static string[] Errors(string json) =>
        Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(json)).Errors.Select(e => e.ToString()).ToArray();

    [Fact]
    public void A_scenario_is_read_with_events_in_time_order_and_file_order_at_equal_times()
    {
        var scenario = ScenarioReader.Parse(Sample);

        Assert.Equal("outage-and-trip", scenario.Name);
        Assert.Equal(new DateTime(2026, 6, 22, 14, 0, 0, DateTimeKind.Utc), scenario.StartUtc);
        Assert.Equal(7_200_000, scenario.DurationMs);
        Assert.Equal(
            new[] { "600000 meter_down", "1800000 leakage", "1800000 remote_reconnect", "2400500 keypad_token", "3000000 broker_down", "3600000 theft", "4000000 clock_drift" },
            scenario.Events.Select(e => $"{e.AtMs} {e.TypeName}"));
        var leak = scenario.Events[1];
        Assert.Equal(("L1", "ac", 45.0), (leak.Line, leak.Waveform, leak.Ma));
        Assert.Equal(-30, scenario.Events[6].DriftS);
        Assert.Equal(40, scenario.Events[5].BypassPercent);
    }

    [Fact]
    public void Every_problem_in_a_scenario_is_reported_with_its_path()
    {
        var errors = Errors("""
        {
          "name": "bad", "durationS": 600, "speed": 10,
          "events": [
            { "atS": 700, "type": "broker_down" },
            { "atS": 10, "type": "meter_dies", "meter": "x" },
            { "atS": 10, "type": "leakage", "line": "L1", "waveform": "square", "ma": 30 },
            { "atS": 10, "type": "keypad_token", "account": "12", "token": "1234-5678" },
            { "atS": 10, "type": "broker_up", "meter": "head" },
            { "type": "meter_up", "meter": "head" }
          ]
        }
        """);

        Assert.Equal(new[]
        {
            "$.speed: unknown member (allowed: name, description, start, durationS, config, events)",
            "$.events[0].atS: must be between 0 and 600, not 700",
            "$.events[1].type: must be one of meter_down, meter_up, leakage, leakage_clear, keypad_token, remote_token, remote_reconnect, broker_down, broker_up, theft, clock_drift, gateway_reboot, hostile_value, gateway_power_off, gateway_power_on, not 'meter_dies'",
            "$.events[2].waveform: must be one of dc, ac, halfwave, phase90, phase135, acdc, hf, not 'square'",
            "$.events[3].token: a token is keyed as digits only",
            "$.events[4].meter: not used by a broker_up event",
            "$.events[5].atS: required",
        }, errors);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    public void Garbage_is_one_error_at_the_root(string text)
    {
        var errors = Errors(text);

        Assert.Single(errors);
        Assert.StartsWith("$: ", errors[0]);
    }

    [Fact]
    public void A_start_time_must_be_UTC()
    {
        Assert.Equal(
            new[] { "$.start: must be an ISO-8601 UTC time such as 2026-06-22T14:00:00Z" },
            Errors("""{ "name": "x", "durationS": 60, "start": "2026-06-22T14:00:00+02:00", "events": [] }"""));
    }

    [Fact]
    public void Events_must_name_meters_lines_and_accounts_the_feeder_has()
    {
        var scenario = ScenarioReader.Parse("""
        { "name": "x", "durationS": 60, "events": [
          { "atS": 1, "type": "meter_down", "meter": "nobody" },
          { "atS": 2, "type": "leakage_clear", "line": "L9" },
          { "atS": 3, "type": "keypad_token", "account": "99", "token": "123456789" }
        ] }
        """);
        var config = new GatewayConfig
        {
            Meters = [new MeterConfig { Id = "head", Account = "12" }, new MeterConfig { Id = "shop" }],
            Safety = new SafetyConfig { Channels = [new SafetyChannelConfig { Id = "L1" }] },
        };

        var errors = ScenarioReader.CheckAgainst(scenario, config).Select(e => e.ToString());

        Assert.Equal(new[]
        {
            "$.events[0].meter: the feeder has no meter 'nobody' (has: head, shop)",
            "$.events[1].line: the feeder has no tenant line 'L9'",
            "$.events[2].account: no meter has keypad account '99'",
        }, errors);
    }
}
