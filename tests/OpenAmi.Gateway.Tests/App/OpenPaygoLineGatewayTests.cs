using OpenAmi.Gateway.Config;

namespace OpenAmi.Gateway.Tests.App;

/// <summary>
/// Issue 19: an OpenPAYGO line as the configuration sets it up, through the composed gateway (tenant line L1 with the
/// SDM120 "shop" on it, <see cref="SafetyWiringTests.Rig"/>). The line is the published test device 1 of
/// EnAccess/OpenPAYGO-python test/test_tokens.jsonl (key bc41ec9530f6dac86b1a29ab82edc5fb, starting code 516959010,
/// count 1): "588224011" is its ADD_TIME 1 and "507849959015" its extended ADD_TIME 5, both to count 2. The meter's
/// import energy is input register 30073 (Eastron SDM120 Modbus protocol), a float chosen exactly representable.
/// </summary>
public class OpenPaygoLineGatewayTests
{
    private const string Device1 = "\"keyHex\": \"bc41ec9530f6dac86b1a29ab82edc5fb\", \"startingCode\": 516959010";

    [Fact]
    public void An_extended_line_takes_the_published_extended_code()
    {
        var rig = new SafetyWiringTests.Rig(openPaygoLine: Device1 + ", \"extended\": true");

        Assert.Null(rig.App.Prepaid.SubmitRemote("shop", "c1", "507849959015"));

        Assert.Equal(5 * 86400, rig.App.Prepaid.Line(0).RemainingSeconds);
    }

    [Fact]
    public void A_standard_line_refuses_the_extended_code_as_malformed()
    {
        var rig = new SafetyWiringTests.Rig(openPaygoLine: Device1);

        Assert.Equal("malformed_token", rig.App.Prepaid.SubmitRemote("shop", "c1", "507849959015"));

        Assert.Equal(0, rig.App.Prepaid.Line(0).RemainingSeconds);
    }

    [Fact]
    public void An_energy_line_is_run_down_by_the_import_energy_its_meter_reports()
    {
        var rig = new SafetyWiringTests.Rig(build: false, openPaygoLine: Device1 + ", \"unit\": \"energy\", \"whPerUnit\": 2000");
        rig.Slaves.SetUInt32(1, 3, 64512, 12000001);
        rig.Slaves.SetFloat(1, 4, 72, 1234.5f);
        rig.Build();
        rig.Drain(); // the first billing read only synchronises the line with the register

        Assert.Null(rig.App.Prepaid.SubmitRemote("shop", "c1", "588224011")); // ADD_TIME 1 = 1 × 2000 Wh
        Assert.Equal(2000, rig.App.Prepaid.Line(0).RemainingWh);

        rig.Slaves.SetFloat(1, 4, 72, 1234.75f); // 250 Wh used by the next billing read
        rig.Clock.Advance(rig.App.Config.Intervals.BillingS * 1000L);
        rig.Drain();

        Assert.Equal(1750, rig.App.Prepaid.Line(0).RemainingWh);
        Assert.Equal(0, rig.App.Prepaid.Line(0).RemainingSeconds);
    }

    [Fact]
    public void An_energy_line_without_a_meter_on_it_is_a_configuration_error()
    {
        string json = """
        {
          "feederId": "f", "gatewayId": "g",
          "safety": { "channels": [ { "id": "L1", "adcChannel": 0 } ] },
          "openPaygoLines": [ { "line": "L1", "keyHex": "bc41ec9530f6dac86b1a29ab82edc5fb", "startingCode": 516959010, "unit": "energy" } ],
          "northbound": { "broker": "mqtt://127.0.0.1:1883", "insecure": true, "commandKeyHex": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" }
        }
        """;

        var loaded = ConfigReader.Load(json, null);

        Assert.False(loaded.IsValid);
        Assert.Contains(loaded.Errors.Cast<ConfigError>(), e => e.Path == "$.openPaygoLines[0].unit" && e.Reason.Contains("needs a meter on line 'L1'"));
    }
}
