using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// Binds the firmware's pin names to the board: firmware/OpenAmi.Firmware.Esp32/PinMap.cs must name exactly the
/// GPIOs and MCP23017 bits that hardware/pinmap.json (generated from the KiCad schematic) gives each net.
/// Both sides are independent: one is hand-written C#, the other is exported from the schematic.
/// </summary>
public class PinMapBindingTests
{
    private static readonly string Root = FindRoot();
    private static readonly Dictionary<string, int> Firmware = ParsePinMap(Path.Combine(Root, "firmware/OpenAmi.Firmware.Esp32/PinMap.cs"));

    [Fact]
    public void Every_schematic_gpio_net_has_the_same_number_in_PinMap()
    {
        using var doc = LoadNetlist();
        var gpio = doc.RootElement.GetProperty("gpio");
        Assert.NotEmpty(gpio.EnumerateObject());
        foreach (var net in gpio.EnumerateObject())
        {
            Assert.True(Firmware.TryGetValue(net.Name, out int pin), $"PinMap.cs has no constant for schematic net {net.Name}");
            Assert.True(net.Value.GetInt32() == pin, $"{net.Name}: schematic GPIO {net.Value.GetInt32()}, PinMap.cs {pin}");
        }
    }

    [Fact]
    public void Every_expander_net_has_the_same_expander_port_and_bit_in_PinMap()
    {
        using var doc = LoadNetlist();
        var expanders = doc.RootElement.GetProperty("expanders").EnumerateArray().ToArray();
        Assert.Equal(2, expanders.Length);
        for (int index = 0; index < expanders.Length; index++)
        {
            var expander = expanders[index];
            string reference = expander.GetProperty("ref").GetString()!;
            Assert.True(Firmware.TryGetValue("EXPANDER_" + reference, out int address), $"PinMap.cs has no EXPANDER_{reference}");
            Assert.Equal(expander.GetProperty("i2cAddress").GetInt32(), address);
            foreach (var pin in expander.GetProperty("pins").EnumerateObject())
            {
                // "GPA3" -> port A bit 3; PinMap encodes expander * 16 + (port B ? 8 : 0) + bit.
                int expected = index * 16 + (pin.Name[2] == 'B' ? 8 : 0) + (pin.Name[3] - '0');
                string net = pin.Value.GetString()!;
                Assert.True(Firmware.TryGetValue(net, out int bit), $"PinMap.cs has no constant for {reference}.{pin.Name} net {net}");
                Assert.True(expected == bit, $"{net}: schematic {reference}.{pin.Name} (= {expected}), PinMap.cs {bit}");
            }
        }
    }

    [Fact]
    public void PinMap_names_nothing_the_schematic_lacks()
    {
        using var doc = LoadNetlist();
        var known = new HashSet<string>(doc.RootElement.GetProperty("gpio").EnumerateObject().Select(p => p.Name));
        foreach (var expander in doc.RootElement.GetProperty("expanders").EnumerateArray())
        {
            known.Add("EXPANDER_" + expander.GetProperty("ref").GetString());
            foreach (var pin in expander.GetProperty("pins").EnumerateObject())
            {
                known.Add(pin.Value.GetString()!);
            }
        }

        string[] unknown = Firmware.Keys.Where(name => !known.Contains(name)).ToArray();
        Assert.True(unknown.Length == 0, "PinMap.cs names nets the schematic lacks: " + string.Join(", ", unknown));
    }

    private static JsonDocument LoadNetlist()
    {
        string path = Path.Combine(Root, "hardware/pinmap.json");
        Assert.True(File.Exists(path), "hardware/pinmap.json is missing: export it from the KiCad schematic (board issue).");
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    private static Dictionary<string, int> ParsePinMap(string path)
    {
        var constants = new Dictionary<string, int>();
        // Matches "NAME = 12" and "NAME = 0x20" inside "public const int" declarations (several per line allowed).
        foreach (Match declaration in Regex.Matches(File.ReadAllText(path), @"public const int ([^;]+);"))
        {
            foreach (Match item in Regex.Matches(declaration.Groups[1].Value, @"([A-Z0-9_]+)\s*=\s*(0x[0-9A-Fa-f]+|\d+)"))
            {
                string literal = item.Groups[2].Value;
                int value = literal.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToInt32(literal, 16) : int.Parse(literal);
                constants.Add(item.Groups[1].Value, value);
            }
        }

        Assert.NotEmpty(constants);
        return constants;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "OpenAmi.Firmware.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (OpenAmi.Firmware.sln) not found");
    }
}
