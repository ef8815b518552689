using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Emulate;

/// <summary>
/// `openami emulate --config docs/provisioning/gateway.json`: the shipped provisioning example runs in the emulator
/// before anyone flashes it. Expectations are hand-counted from the example and the default scenario's timing
/// (6 h from 06:00, reads every 900 s: 24 sweeps per meter, plus the one transaction of the first meter due at the
/// very end, as tools/scenarios/README.md explains) and from docs/northbound.md ("meter_registered": a Modbus model
/// without a serial register reports the stand-in profile@address).
/// </summary>
public class ProvisioningExampleTests
{
    [Fact]
    public void TheShippedProvisioningExampleRunsWithEveryMeterRead()
    {
        var result = OpenAmiCli.Run("emulate", "--config", RepoFiles.Path("docs/provisioning/gateway.json"));
        result.AssertSucceeded();
        string[] err = result.Err.TrimEnd('\n').Split('\n');
        Assert.Equal(2, err.Length);
        Assert.Contains("placeholder northbound.commandKeyHex", err[0]);
        Assert.Contains("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", err[0]);
        var summary = JsonNode.Parse(err[1])!;
        Assert.Equal(4, summary["metersRead"]!.GetValue<int>());
        Assert.Equal(0, summary["outboxLeft"]!.GetValue<int>());

        var messages = result.Out.TrimEnd('\n').Split('\n').Select(l => JsonNode.Parse(l)!).ToList();
        const string Root = "openami/v1/feeder-example-01/pole-0001/meter/";
        var telemetry = messages.Where(m => m["topic"]!.GetValue<string>().EndsWith("/telemetry", StringComparison.Ordinal)).ToList();
        Assert.Equal(25, telemetry.Count(m => m["topic"]!.GetValue<string>() == Root + "head/telemetry"));
        foreach (string meter in new[] { "shop-2", "mill-3", "clinic-4" })
        {
            Assert.Equal(24, telemetry.Count(m => m["topic"]!.GetValue<string>() == Root + meter + "/telemetry"));
        }

        Assert.All(telemetry.SelectMany(m => m["payload"]!["registers"]!.AsArray()), r => Assert.Equal("good", r!["quality"]!.GetValue<string>()));

        var registered = messages.Where(m => m["payload"]!["type"]?.GetValue<string>() == "meter_registered")
            .ToDictionary(m => m["payload"]!["meterSerial"]!.GetValue<string>(), m => m["payload"]!["data"]!);
        Assert.Equal(["clinic-4", "head", "mill-3", "shop-2"], registered.Keys.Order());
        Assert.Equal("chint-ddsu666@2", registered["shop-2"]["serial"]!.GetValue<string>());
        Assert.True(registered["shop-2"]["serialSynthetic"]!.GetValue<bool>());
        Assert.Equal("hiking-dds238@3", registered["mill-3"]["serial"]!.GetValue<string>());
        foreach (string dlms in new[] { "head", "clinic-4" })
        {
            Assert.Equal("dlms-generic-single-phase", registered[dlms]["profile"]!.GetValue<string>());
            Assert.False(registered[dlms]["serialSynthetic"]!.GetValue<bool>());
        }
    }

    [Fact]
    public void WithAScenarioTheConfigurationIsTakenAsItIsPlaceholderAndAll()
    {
        var result = OpenAmiCli.Run("emulate", "--scenario", RepoFiles.Path("tools/scenarios/default.json"), "--config", RepoFiles.Path("docs/provisioning/gateway.json"));
        result.AssertFailedWithOneLine();
        Assert.Contains("commandKeyHex", result.Err);
    }
}
