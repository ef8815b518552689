using System.Text.Json.Nodes;
using OpenAmi.Cli.Commands;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Cli.Tests.Meter;

public class MeterCommandTests
{
    [Fact]
    public void Validation_output_lists_errors_with_path_and_reason_and_the_vmrs_gaps()
    {
        var result = ProfileReader.Load("""{"id":"x","protocol":"modbus","link":{"medium":"rs485"},"items":{"1.8.0":{"function":4,"register":72,"encoding":"float32","unit":"W"}}}""");
        var json = MeterCommand.Describe("f.json", result);
        Assert.False(json["valid"]!.GetValue<bool>());
        var error = json["errors"]!.AsArray().Single()!;
        Assert.Equal("$.items[\"1.8.0\"].unit", error["path"]!.GetValue<string>());
        Assert.Equal("\"W\" cannot express Active energy import (total) (kWh)", error["reason"]!.GetValue<string>());
        Assert.Equal(11, json["gaps"]!.AsArray().Count); // everything but 1.8.0, which was rejected
        Assert.Null(json["profile"]);
    }

    [Fact]
    public void A_valid_built_in_profile_shows_its_mapping()
    {
        var json = MeterCommand.Describe("builtin", ProfileReader.Load(BuiltInProfiles.HikingDds238));
        Assert.True(json["valid"]!.GetValue<bool>());
        // DDS238-4 W manual 9.3: import kWh at 0x000A, in the layout the manual describes (the profile's first variant).
        var manualLayout = json["profile"]!["variants"]!.AsArray()[0]!;
        Assert.Equal("import-000A", manualLayout["id"]!.GetValue<string>());
        var items = manualLayout["items"]!.AsArray();
        Assert.Equal(10, items.Single(i => i!["vmrs"]!.GetValue<string>() == "1.8.0")!["register"]!.GetValue<int>());
        // Voltage (000Ch) is at the same place in every layout.
        Assert.Equal(12, json["profile"]!["items"]!.AsArray().Single(i => i!["vmrs"]!.GetValue<string>() == "32.7.0")!["register"]!.GetValue<int>());
        Assert.Equal("modbus", json["profile"]!["protocol"]!.GetValue<string>());
    }
}
