using System.Text.Json.Nodes;
using OpenAmi.Cli.Commands;
using OpenAmi.Cli.Tests.Support;
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

    // Eastron SDM120 Modbus protocol V2.4/V2.5 (holding register 001Ch "Baud rate", default 2400; address default 1):
    // a factory-fresh unit on a 9600 Bd bus is silent at the bus's speed and answers at 2400 Bd, address 1.
    // The serial is the simulation's (12 000 000 + unit).
    [Fact]
    public void Scan_with_factory_finds_a_factory_fresh_sdm120_at_2400_Bd_and_the_bus_speed_meter_beside_it()
    {
        var run = OpenAmiCli.Run("meter", "scan", "--port", "emulator:eastron-sdm120@2400,hiking-dds238@9600/3", "--to", "3", "--factory");

        run.AssertSucceededQuietly();
        var json = run.Document;
        Assert.Equal(9600, json["baud"]!.GetValue<int>());
        var atBus = Assert.Single(json["atBusSpeed"]!.AsArray())!;
        Assert.Equal((3, "hiking-dds238"), (atBus["address"]!.GetValue<int>(), atBus["profile"]!.GetValue<string>()));
        var found = Assert.Single(json["factory"]!.AsArray())!;
        Assert.Equal(("eastron-sdm120", 1, 2400, "12000001"),
            (found["profile"]!.GetValue<string>(), found["address"]!.GetValue<int>(), found["baud"]!.GetValue<int>(), found["serial"]!.GetValue<string>()));
    }

    [Fact]
    public void Scan_without_factory_does_not_see_the_factory_fresh_meter()
    {
        var run = OpenAmiCli.Run("meter", "scan", "--port", "emulator:eastron-sdm120@2400");

        run.AssertSucceededQuietly();
        Assert.Empty(run.Document["atBusSpeed"]!.AsArray());
        Assert.Null(run.Document["factory"]);
    }

    [Theory]
    [InlineData("emulator:eastron-sdm120", "--port: 'eastron-sdm120' is not PROFILE@BAUD[/ADDRESS]")]
    [InlineData("emulator:acme-1@9600", "--port: no emulated Modbus meter 'acme-1' (known: eastron-sdm120, chint-ddsu666, hiking-dds238)")]
    public void Scan_refuses_an_emulated_meter_it_cannot_build_naming_it(string port, string message)
    {
        var run = OpenAmiCli.Run("meter", "scan", "--port", port, "--factory");

        run.AssertFailedWithOneLine();
        Assert.Equal(2, run.Exit);
        Assert.Equal("openami: " + message, run.Err.Trim());
    }

    [Fact]
    public void Scan_help_names_the_factory_option()
    {
        var run = OpenAmiCli.Run("meter", "scan", "--help");

        run.AssertSucceeded();
        Assert.Contains("--factory", run.Out);
        Assert.Contains("emulator:PROFILE@BAUD", run.Out);
    }
}
