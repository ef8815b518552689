using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// The RS-485 port's fail-safe bias, computed from the resistor values in the schematic for an idle bus that is
/// terminated at both ends: this board's terminator (R22, fitted with JP20) in parallel with a far-end 120 ohm
/// terminator (the bus's characteristic impedance).
/// Sources: TIA/EIA-485-A, receiver input threshold +/-200 mV (an idle bus between -200 and +200 mV reads undefined);
/// the +3V3 rail at its -5 % tolerance (3.135 V) as the worst supply.
/// </summary>
public class Rs485BiasTests
{
    private const double ReceiverThreshold = 0.200, WorstRail = 3.3 * 0.95, FarEndTerminator = 120.0;

    [Fact]
    public void Idle_bus_terminated_at_both_ends_reads_as_mark_beyond_the_receiver_threshold()
    {
        XDocument netlist = HardwareTools.ExportNetlist();
        string a = NetOfPin(netlist, "U20", "6").Attribute("name")!.Value;  // MAX3485 pin 6 = A
        string b = NetOfPin(netlist, "U20", "7").Attribute("name")!.Value;  // pin 7 = B

        double pullUp = ResistorBetween(netlist, "+3V3", a);
        double pullDown = ResistorBetween(netlist, b, "GND");
        double onBoard = Ohms(Value(netlist, "R22"));
        double bus = 1.0 / (1.0 / onBoard + 1.0 / FarEndTerminator);
        double vab = WorstRail * bus / (bus + pullUp + pullDown);

        Assert.True(vab > ReceiverThreshold,
            $"idle A-B is {vab * 1000:F0} mV with {pullUp} / {pullDown} ohm bias on a {bus:F0} ohm bus (needs > 200 mV)");
    }


    private static XElement NetOfPin(XDocument netlist, string reference, string pin) =>
        netlist.Descendants("net").Single(n => n.Elements("node").Any(
            e => (string)e.Attribute("ref")! == reference && (string)e.Attribute("pin")! == pin));

    private static string[] ResistorsOn(XDocument netlist, string net) =>
        netlist.Descendants("net").Where(n => (string)n.Attribute("name")! == net)
            .SelectMany(n => n.Elements("node")).Select(e => (string)e.Attribute("ref")!)
            .Where(r => Regex.IsMatch(r, @"^R\d+$")).ToArray();

    private static double ResistorBetween(XDocument netlist, string first, string second)
    {
        var common = ResistorsOn(netlist, first).Intersect(ResistorsOn(netlist, second)).ToArray();
        Assert.True(common.Length == 1, $"expected one resistor between {first} and {second}, found {common.Length}");
        return Ohms(Value(netlist, common[0]));
    }

    private static string Value(XDocument netlist, string reference) =>
        netlist.Descendants("comp").Single(c => (string)c.Attribute("ref")! == reference).Element("value")!.Value;

    /// <summary>Resistor value in the schematic's notation: 330, 4k7, 1M.</summary>
    private static double Ohms(string value)
    {
        Match m = Regex.Match(value, @"^(\d+)([kKmM]?)(\d*)$");
        Assert.True(m.Success, $"unreadable resistor value '{value}'");
        double multiplier = m.Groups[2].Value.ToLowerInvariant() switch { "k" => 1e3, "m" => 1e6, _ => 1.0 };
        string digits = m.Groups[3].Value.Length > 0 ? m.Groups[1].Value + "." + m.Groups[3].Value : m.Groups[1].Value;
        return double.Parse(digits, CultureInfo.InvariantCulture) * multiplier;
    }
}
