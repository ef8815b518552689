using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// The ESP32-WROVER-E pin plan and antenna placement, checked on the board files against the module's published
/// constraints rather than against the scripts that wrote them.
/// Sources: Espressif "ESP32-WROVER-E &amp; ESP32-WROVER-IE Datasheet" (pin definitions: module pins 27/28 are NC,
/// GPIO16/17 drive the PSRAM; "Physical Dimensions": 18.0 x 31.4 mm, PCB antenna in the top 6.31 mm);
/// Espressif "ESP32 Series Datasheet", strapping pins (GPIO12 = MTDI high at reset selects 1.8 V flash);
/// Espressif "ESP32 Hardware Design Guidelines", module placement (>= 15 mm copper-free around the antenna).
/// </summary>
public class ModulePinPlanTests
{
    private const double ModuleWidth = 18.0, ModuleLength = 31.4, AntennaDepth = 6.31, AntennaClearance = 15.0;

    [Fact]
    public void No_firmware_net_sits_on_the_psram_pins_GPIO16_and_GPIO17()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(HardwareTools.Root, "hardware", "pinmap.json")));
        foreach (var net in doc.RootElement.GetProperty("gpio").EnumerateObject())
        {
            int gpio = net.Value.GetInt32();
            Assert.False(gpio == 16 || gpio == 17, $"{net.Name} is on GPIO{gpio}, which the WROVER-E's PSRAM uses");
        }
    }

    [Fact]
    public void GPIO12_carries_only_a_transmit_line_held_low_by_a_pull_down()
    {
        XElement net = NetOfModulePin(HardwareTools.ExportNetlist(), "14");  // module pin 14 = IO12
        var nodes = net.Elements("node").Where(n => (string)n.Attribute("ref")! != "U10").ToArray();
        var pullDowns = nodes.Where(n => IsResistorTo(n, "GND")).ToArray();
        Assert.True(pullDowns.Length == 1, $"GPIO12 net {net.Attribute("name")} needs one pull-down to GND, has {pullDowns.Length}");
        // Everything else on the net must be a driver input (a transceiver's DI): no output can pull the strap high.
        foreach (var node in nodes.Except(pullDowns))
        {
            string function = (string?)node.Attribute("pinfunction") ?? "";
            Assert.True(function == "DI", $"GPIO12 net also reaches {node.Attribute("ref")}.{node.Attribute("pin")} ({function})");
        }
    }

    [Fact]
    public void Antenna_keepout_clears_fifteen_mm_either_side_of_the_module_antenna_up_to_the_board_edge()
    {
        string board = File.ReadAllText(HardwareTools.Board);
        Match module = Regex.Match(board, @"\(footprint ""openami:ESP32-WROVER-E""\s*\(layer ""F\.Cu""\)\s*\(uuid ""[^""]+""\)\s*\(at ([\d.]+) ([\d.]+)\)");
        Assert.True(module.Success, "the board has no ESP32-WROVER-E footprint");
        double x = Number(module.Groups[1]), y = Number(module.Groups[2]);
        double top = y - ModuleLength / 2;

        double boardTop = Regex.Matches(board, @"\(gr_line\s*\(start ([\d.]+) ([\d.]+)\)\s*\(end ([\d.]+) ([\d.]+)\)\s*\(stroke\s*\(width [\d.]+\)\s*\(type \w+\)\s*\)\s*\(layer ""Edge\.Cuts""\)")
            .Select(m => Math.Min(Number(m.Groups[2]), Number(m.Groups[4]))).DefaultIfEmpty(double.NaN).Min();
        Assert.False(double.IsNaN(boardTop), "no Edge.Cuts outline found");
        Assert.True(top - boardTop <= 1.0, $"antenna end is {top - boardTop:F2} mm from the board edge");

        Match zone = Regex.Match(board, @"\(layers ((?:""[^""]+""\s*)+)\)\s*\(uuid ""[^""]+""\)\s*\(name ""ESP32 antenna""\)[\s\S]*?\(polygon\s*\(pts\s*((?:\(xy [\d.]+ [\d.]+\)\s*)+)\)");
        Assert.True(zone.Success, "no 'ESP32 antenna' rule area on the board");
        foreach (string layer in new[] { "F.Cu", "In1.Cu", "In2.Cu", "B.Cu" })
        {
            Assert.Contains($"\"{layer}\"", zone.Groups[1].Value);
        }

        var points = Regex.Matches(zone.Groups[2].Value, @"\(xy ([\d.]+) ([\d.]+)\)")
            .Select(m => (X: Number(m.Groups[1]), Y: Number(m.Groups[2]))).ToArray();
        Assert.True(points.Min(p => p.X) <= x - ModuleWidth / 2 - AntennaClearance + 1e-6, "keepout too narrow on the left");
        Assert.True(points.Max(p => p.X) >= x + ModuleWidth / 2 + AntennaClearance - 1e-6, "keepout too narrow on the right");
        Assert.True(points.Min(p => p.Y) <= boardTop + 1e-6, "keepout does not reach the board edge");
        Assert.True(points.Max(p => p.Y) >= top + AntennaDepth - 1e-6, "keepout ends above the antenna's inner edge");
    }

    private static double Number(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);


    private static XElement NetOfModulePin(XDocument netlist, string pin) =>
        netlist.Descendants("net").Single(n => n.Elements("node").Any(
            e => (string)e.Attribute("ref")! == "U10" && (string)e.Attribute("pin")! == pin));

    private static bool IsResistorTo(XElement node, string otherNet)
    {
        string reference = (string)node.Attribute("ref")!;
        if (!Regex.IsMatch(reference, @"^R\d+$"))
        {
            return false;
        }

        var doc = node.Document!;
        string pin = (string)node.Attribute("pin")!;
        return doc.Descendants("net").Any(n => (string)n.Attribute("name")! == otherNet && n.Elements("node").Any(
            e => (string)e.Attribute("ref")! == reference && (string)e.Attribute("pin")! != pin));
    }
}
