using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

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
    public void Board_passes_DRC_with_schematic_parity()
    {
        var drc = DrcReport.Value;

        Assert.True(drc.Count("violations") == 0, $"{drc.Count("violations")} DRC errors:\n{drc.Describe("violations")}");
        Assert.True(drc.Count("schematic_parity") == 0,
            $"{drc.Count("schematic_parity")} schematic parity issues:\n{drc.Describe("schematic_parity")}");
    }

    [Fact]
    public void Board_has_no_unconnected_items()
    {
        var drc = DrcReport.Value;

        Assert.True(drc.Count("unconnected_items") == 0,
            $"{drc.Count("unconnected_items")} unrouted connections:\n{drc.Describe("unconnected_items")}");
        Assert.True(drc.ExitCode == 0, "kicad-cli pcb drc failed: " + drc.Output);
    }

    /// <summary>
    /// KiCad's clearance rule compares copper on one layer only: on four layers a SELV track could run under
    /// mains copper through 0.2 mm of prepreg and DRC would pass. scripts/check_isolation.py grows all mains
    /// copper, on every layer, by the .kicad_dru's mains-SELV distance and fails on any SELV copper inside.
    /// </summary>
    [Fact]
    public void Mains_and_SELV_copper_keep_the_barrier_distance_across_layers()
    {
        var run = CheckIsolation(HardwareTools.Board);
        Assert.True(run.ExitCode == 0, run.Output);
    }

    /// <summary>The cross-layer check is not vacuous: a +3V3 track on In2.Cu drawn across the mains terminal
    /// J1 (MAINS_L, MAINS_N pads) in a copy of the board must fail it and be named.</summary>
    [Fact]
    public void Isolation_check_catches_SELV_copper_under_mains_on_another_layer()
    {
        using var dir = new HardwareTools.TempDirectory();
        string board = File.ReadAllText(HardwareTools.Board);
        var (x, y) = HardwareTools.FootprintPosition(board, "J1");
        string net = Regex.Match(board, @"\(net (\d+) ""\+3V3""\)").Groups[1].Value;
        string probe = HardwareTools.ProbeBoard(dir, FormattableString.Invariant(
            $"\t(segment (start {x - 8} {y}) (end {x + 8} {y}) (width 0.25) (layer \"In2.Cu\") (net {net}) (uuid \"{Guid.NewGuid()}\"))\n"));

        var run = CheckIsolation(probe);
        Assert.True(run.ExitCode == 1, "expected exit 1 (SELV copper too close), got " + run.ExitCode + ": " + run.Output);
        Assert.Contains("[+3V3] on In2.Cu", run.StdOut);
    }

    /// <summary>KiCad's pcbnew module is installed for Debian's python3 only (a pyenv or venv python3 earlier on
    /// PATH lacks it).</summary>
    private static HardwareTools.Result CheckIsolation(string board) =>
        HardwareTools.Run("/usr/bin/python3", TimeSpan.FromMinutes(2),
            Path.Combine(HardwareTools.Project, "scripts", "check_isolation.py"), board);

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
