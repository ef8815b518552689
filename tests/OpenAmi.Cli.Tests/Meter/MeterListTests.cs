using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Meter;

/// <summary>
/// `openami meter list`: the built-in profiles docs/metering.md names ("Built-in: hiking-dds238, chint-ddsu666,
/// eastron-sdm120, dlms-generic-single-phase"), three of them Modbus RTU over RS-485, the DLMS one at HDLC address 17.
/// </summary>
public class MeterListTests
{
    [Fact]
    public void ListsTheFourBuiltInProfiles()
    {
        var result = OpenAmiCli.Run("meter", "list");
        result.AssertSucceededQuietly();
        var profiles = result.Document["profiles"]!.AsArray().ToDictionary(p => p!["id"]!.GetValue<string>(), p => p!);
        Assert.Equal(["chint-ddsu666", "dlms-generic-single-phase", "eastron-sdm120", "hiking-dds238"], profiles.Keys.Order());
        Assert.Equal(3, profiles.Values.Count(p => p["protocol"]!.GetValue<string>() == "modbus"));
        Assert.All(profiles.Values, p => Assert.Equal("rs485", p["medium"]!.GetValue<string>()));
        Assert.Equal("dlms", profiles["dlms-generic-single-phase"]["protocol"]!.GetValue<string>());
        Assert.Equal(17, profiles["dlms-generic-single-phase"]["address"]!.GetValue<int>());
    }
}
