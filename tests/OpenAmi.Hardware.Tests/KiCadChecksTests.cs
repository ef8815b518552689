using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// The KiCad 9 project checked headless, as a reviewer would in the GUI: electrical rules, design rules
/// (including the mains creepage rules in the project's .kicad_dru) with schematic parity, and that every
/// committed artefact derived from the sources (documentation exports, hardware/pinmap.json) is current.
/// </summary>
public class KiCadChecksTests
{
    [Fact]
    public void Schematic_passes_ERC_with_no_errors()
    {
        using var dir = new HardwareTools.TempDirectory();
        string report = dir.File("erc.json");
        var run = HardwareTools.KiCad(TimeSpan.FromMinutes(2), "sch", "erc", "--format", "json", "--severity-error",
            "--exit-code-violations", "-o", report, HardwareTools.Schematic);

        Assert.True(File.Exists(report), "kicad-cli wrote no ERC report: " + run.Output);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var errors = doc.RootElement.GetProperty("sheets").EnumerateArray()
            .SelectMany(sheet => sheet.GetProperty("violations").EnumerateArray()
                .Select(v => $"{sheet.GetProperty("path").GetString()}: {v.GetProperty("type").GetString()} {v.GetProperty("description").GetString()}"))
            .ToArray();
        Assert.True(errors.Length == 0, $"{errors.Length} ERC errors:\n" + string.Join("\n", errors.Take(20)));
        Assert.True(run.ExitCode == 0, "kicad-cli sch erc failed: " + run.Output);
    }

    [Fact]
    public void Board_passes_DRC_with_schematic_parity_and_no_unconnected_items()
    {
        using var dir = new HardwareTools.TempDirectory();
        string report = dir.File("drc.json");
        var run = HardwareTools.KiCad(TimeSpan.FromMinutes(4), "pcb", "drc", "--format", "json", "--severity-error",
            "--schematic-parity", "--exit-code-violations", "-o", report, HardwareTools.Board);

        Assert.True(File.Exists(report), "kicad-cli wrote no DRC report: " + run.Output);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        string Describe(string section) => string.Join("\n", doc.RootElement.GetProperty(section).EnumerateArray().Take(15)
            .Select(v => v.GetProperty("description").GetString() + ": " + string.Join(" / ",
                v.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("description").GetString()))));
        int Count(string section) => doc.RootElement.GetProperty(section).GetArrayLength();

        Assert.True(Count("violations") == 0, $"{Count("violations")} DRC errors:\n{Describe("violations")}");
        Assert.True(Count("schematic_parity") == 0, $"{Count("schematic_parity")} schematic parity issues:\n{Describe("schematic_parity")}");
        Assert.True(Count("unconnected_items") == 0, $"{Count("unconnected_items")} unrouted connections:\n{Describe("unconnected_items")}");
        Assert.True(run.ExitCode == 0, "kicad-cli pcb drc failed: " + run.Output);
    }

    [Fact]
    public void Committed_schematic_pdf_and_board_svg_match_a_fresh_export()
    {
        var run = HardwareTools.Run("python3", TimeSpan.FromMinutes(3),
            Path.Combine(HardwareTools.Root, "tools", "scripts", "hardware_docs.py"), "--check");
        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public void Committed_pinmap_json_matches_the_schematic_netlist()
    {
        using var dir = new HardwareTools.TempDirectory();
        string netlist = dir.File("board.net");
        string fresh = dir.File("pinmap.json");
        var export = HardwareTools.KiCad(TimeSpan.FromMinutes(1), "sch", "export", "netlist", "--format", "kicadsexpr",
            "-o", netlist, HardwareTools.Schematic);
        Assert.True(export.ExitCode == 0, "netlist export failed: " + export.Output);
        var generate = HardwareTools.Run("python3", TimeSpan.FromMinutes(1),
            Path.Combine(HardwareTools.Root, "tools", "scripts", "pinmap_from_netlist.py"), netlist, fresh);
        Assert.True(generate.ExitCode == 0, "pinmap_from_netlist.py failed: " + generate.Output);

        string committed = Path.Combine(HardwareTools.Root, "hardware", "pinmap.json");
        Assert.True(File.Exists(committed), "hardware/pinmap.json is missing");
        Assert.True(File.ReadAllText(committed) == File.ReadAllText(fresh),
            "hardware/pinmap.json is stale: regenerate it with tools/scripts/pinmap_from_netlist.py (see hardware/README.md)");
    }
}
