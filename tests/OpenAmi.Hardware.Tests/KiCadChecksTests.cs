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

    /// <summary>
    /// Routing is unfinished (hardware/README.md, "Routing status"): this many connections were still unrouted
    /// when the router stopped. The number may only go down; lower it whenever routing progresses.
    /// </summary>
    private const int RecordedUnroutedConnections = 75;

    [Fact]
    public void Board_passes_DRC_with_schematic_parity()
    {
        var drc = DrcReport.Value;

        Assert.True(drc.Count("violations") == 0, $"{drc.Count("violations")} DRC errors:\n{drc.Describe("violations")}");
        Assert.True(drc.Count("schematic_parity") == 0,
            $"{drc.Count("schematic_parity")} schematic parity issues:\n{drc.Describe("schematic_parity")}");
    }

    [Fact]
    public void Unrouted_connections_never_grow_past_the_recorded_count()
    {
        var drc = DrcReport.Value;

        Assert.True(drc.Count("unconnected_items") <= RecordedUnroutedConnections,
            $"{drc.Count("unconnected_items")} unrouted connections, more than the {RecordedUnroutedConnections} recorded:\n" +
            drc.Describe("unconnected_items"));
    }

    [Fact(Skip = "Issue 10 is open: routing is unfinished (75 unconnected: GND 47, signals 28), see hardware/README.md 'Routing status'. Remove this skip when the board is fully routed.")]
    public void Board_has_no_unconnected_items()
    {
        var drc = DrcReport.Value;

        Assert.True(drc.Count("unconnected_items") == 0,
            $"{drc.Count("unconnected_items")} unrouted connections:\n{drc.Describe("unconnected_items")}");
        Assert.True(drc.ExitCode == 0, "kicad-cli pcb drc failed: " + drc.Output);
    }

    /// <summary>One DRC run shared by the board tests: kicad-cli takes several seconds per run.</summary>
    private static readonly Lazy<Drc> DrcReport = new(() =>
    {
        using var dir = new HardwareTools.TempDirectory();
        string report = dir.File("drc.json");
        var run = HardwareTools.KiCad(TimeSpan.FromMinutes(4), "pcb", "drc", "--format", "json", "--severity-error",
            "--schematic-parity", "--exit-code-violations", "-o", report, HardwareTools.Board);
        Assert.True(File.Exists(report), "kicad-cli wrote no DRC report: " + run.Output);
        return new Drc(JsonDocument.Parse(File.ReadAllText(report)), run.ExitCode, run.Output);
    });

    private sealed record Drc(JsonDocument Report, int ExitCode, string Output)
    {
        public int Count(string section) => Report.RootElement.GetProperty(section).GetArrayLength();

        public string Describe(string section) => string.Join("\n", Report.RootElement.GetProperty(section)
            .EnumerateArray().Take(15)
            .Select(v => v.GetProperty("description").GetString() + ": " + string.Join(" / ",
                v.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("description").GetString()))));
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
