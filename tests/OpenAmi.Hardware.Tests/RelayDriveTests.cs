using System;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// Each tenant line's 2-pole disconnect relay (its contacts off the board, in series with the SSR) is driven from the
/// line's own latch and the board's arm signal through a gate and driver of its own: a set latch opens it whatever the
/// firmware, the SSR's driver (Q#01) or the SSR's gate (U#06) do. Checked on the schematic netlist, against the
/// requirement of the design review (finding 1: "opened directly by the latch through a path independent of the
/// firmware") and the flip-flop's pin functions (TI SN74LVC1G74 data sheet: ~Q is low while the latch is set).
/// </summary>
public class RelayDriveTests
{
    private static readonly Lazy<XDocument> Netlist = new(HardwareTools.ExportNetlist);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Relay_coil_is_switched_only_by_the_latch_and_the_arm_signal(int line)
    {
        XDocument netlist = Netlist.Value;
        string coilLow = NetOf(netlist, $"J{line}03", "2");
        Assert.Equal("+5V", NetOf(netlist, $"J{line}03", "1"));

        // the coil's low side: one switching transistor's drain, and the flyback clamp, nothing else
        var onCoil = Nodes(netlist, coilLow).ToArray();
        var drivers = onCoil.Where(n => Ref(n).StartsWith("Q", StringComparison.Ordinal)).ToArray();
        Assert.True(drivers.Length == 1, $"line {line}: {drivers.Length} transistors on the coil's low side");
        Assert.Equal("D", (string)drivers[0].Attribute("pinfunction")!);
        string driver = Ref(drivers[0]);
        Assert.NotEqual($"Q{line}01", driver);  // not the SSR's driver
        Assert.Equal("GND", NetOfFunction(netlist, driver, "S"));

        // the driver's gate: one gate output, a pull-down, nothing a firmware pin drives (KiCad's 74LVC1G11 symbol
        // leaves its logic pins unnamed, so the output is found by its pin type)
        string gateNet = NetOfFunction(netlist, driver, "G");
        var onGate = Nodes(netlist, gateNet).Where(n => Ref(n) != driver).ToArray();
        var gates = onGate.Where(n => (string)n.Attribute("pintype")! == "output").ToArray();
        Assert.True(gates.Length == 1, $"line {line}: gate net {gateNet} has {gates.Length} gate outputs");
        Assert.All(onGate.Except(gates), n => Assert.Equal("GND", OtherNetOfResistor(netlist, n)));
        string gate = Ref(gates[0]);
        Assert.NotEqual($"U{line}06", gate);  // not the SSR's gate

        // its inputs: the line's ~Q, the shared SSR_ARM, and the supply (an unused AND input held high); A, B and C are
        // pins 1, 3 and 6 of the SOT-23-6 package (TI SN74LVC1G11 data sheet, DBV pin functions)
        Assert.Equal("4", (string)gates[0].Attribute("pin")!);
        var inputs = new[] { "1", "3", "6" }.Select(pin => NetOf(netlist, gate, pin)).OrderBy(n => n).ToArray();
        string latchQn = NetOfFunction(netlist, $"U{line}05", "~{Q}");
        Assert.Equal(new[] { "+3V3", latchQn, "SSR_ARM" }.OrderBy(n => n), inputs);
    }

    [Fact]
    public void Relay_coil_has_a_flyback_clamp_to_its_supply()
    {
        XDocument netlist = Netlist.Value;
        string coilLow = NetOf(netlist, "J103", "2");
        var diode = Nodes(netlist, coilLow).Single(n => Ref(n).StartsWith("D", StringComparison.Ordinal));
        Assert.Equal("A", (string)diode.Attribute("pinfunction")!);
        string clamp = NetOfFunction(netlist, Ref(diode), "K");
        var zener = Nodes(netlist, clamp).Single(n => Ref(n) != Ref(diode));
        Assert.Equal("K", (string)zener.Attribute("pinfunction")!);
        Assert.Equal("+5V", NetOfFunction(netlist, Ref(zener), "A"));
    }


    private static string Ref(XElement node) => (string)node.Attribute("ref")!;

    private static XElement[] Nodes(XDocument netlist, string net) =>
        netlist.Descendants("net").Single(n => (string)n.Attribute("name")! == net).Elements("node").ToArray();

    private static string NetOf(XDocument netlist, string reference, string pin) =>
        (string)netlist.Descendants("net").Single(n => n.Elements("node").Any(
            e => Ref(e) == reference && (string)e.Attribute("pin")! == pin)).Attribute("name")!;

    private static string NetOfFunction(XDocument netlist, string reference, string function) =>
        (string)netlist.Descendants("net").Single(n => n.Elements("node").Any(
            e => Ref(e) == reference && (string)e.Attribute("pinfunction")! == function)).Attribute("name")!;

    private static string OtherNetOfResistor(XDocument netlist, XElement node)
    {
        Assert.StartsWith("R", Ref(node));
        return (string)netlist.Descendants("net").Single(n => n.Elements("node").Any(
            e => Ref(e) == Ref(node) && (string)e.Attribute("pin")! != (string)node.Attribute("pin")!)).Attribute("name")!;
    }
}
