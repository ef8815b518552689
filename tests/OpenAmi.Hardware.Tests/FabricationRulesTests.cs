using System;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// The fab's design rules in the .kicad_dru ("fab: ...", JLCPCB's 4-layer capabilities) are not vacuous: the
/// board passes DRC with them (KiCadChecksTests), and a copy of the board with one item outside each rule fails
/// with that rule named. Without the rules KiCad's defaults accept a 0.08 mm track, a 0.1 mm via ring and
/// 0.8 mm legend text; with 1 oz figures alone they would accept a 0.12 mm track on the 2 oz outer layers
/// (JLCPCB: 0.16 mm track and spacing on 2 oz).
/// </summary>
public class FabricationRulesTests
{
    [Fact]
    public void Design_rules_for_the_fab_catch_a_board_outside_them()
    {
        using var dir = new HardwareTools.TempDirectory();
        string board = File.ReadAllText(HardwareTools.Board);
        var (hx, hy) = HardwareTools.FootprintPosition(board, "H1");
        var (ux, uy) = HardwareTools.FootprintPosition(board, "U10");
        double x = hx + 12, y = hy + 12; // inside the corner, clear of the mounting hole's keep-out
        string probe = HardwareTools.ProbeBoard(dir, string.Concat(
            FormattableString.Invariant($"\t(segment (start {x} {y}) (end {x + 3} {y}) (width 0.08) (layer \"In2.Cu\") (net 0) (uuid \"{Guid.NewGuid()}\"))\n"),
            // within the 1 oz minimum (0.1 mm) but under the 2 oz one (0.16 mm) of the board's outer layers
            FormattableString.Invariant($"\t(segment (start {x} {y + 9}) (end {x + 3} {y + 9}) (width 0.12) (layer \"B.Cu\") (net 0) (uuid \"{Guid.NewGuid()}\"))\n"),
            FormattableString.Invariant($"\t(via (at {x} {y + 3}) (size 0.5) (drill 0.3) (layers \"F.Cu\" \"B.Cu\") (net 0) (uuid \"{Guid.NewGuid()}\"))\n"),
            FormattableString.Invariant($"\t(gr_text \"FAB\" (at {x} {y + 6} 0) (layer \"F.SilkS\") (uuid \"{Guid.NewGuid()}\") (effects (font (size 0.8 0.8) (thickness 0.12))))\n"),
            // over the ESP32 module's exposed pad (pad 39 at -1.5, -0.46 from the module's origin)
            FormattableString.Invariant($"\t(gr_text \"PAD\" (at {ux - 1.5} {uy - 0.46} 0) (layer \"F.SilkS\") (uuid \"{Guid.NewGuid()}\") (effects (font (size 1.5 1.5) (thickness 0.2))))\n")));

        string report = dir.File("drc.json");
        var run = HardwareTools.KiCad(TimeSpan.FromMinutes(4), "pcb", "drc", "--format", "json", "--severity-error",
            "-o", report, probe);
        Assert.True(File.Exists(report), "kicad-cli wrote no DRC report: " + run.Output);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var found = doc.RootElement.GetProperty("violations").EnumerateArray()
            .Select(v => v.GetProperty("type").GetString() + ": " + v.GetProperty("description").GetString()).ToArray();
        string all = string.Join("\n", found);

        // KiCad labels a rule that only tightens a board-setup minimum as "board setup constraints"; the 0.1 mm
        // (inner, 1 oz) and 0.16 mm (outer, 2 oz) figures are the rules' (the board setup's own minimum is 0).
        Assert.Contains(found, f => f.StartsWith("track_width:", StringComparison.Ordinal) && f.Contains("min width 0.1000 mm"));
        Assert.Contains(found, f => f.StartsWith("track_width:", StringComparison.Ordinal) && f.Contains("min width 0.1600 mm"));
        Assert.Contains(found, f => f.StartsWith("annular_width:", StringComparison.Ordinal) && f.Contains("rule 'fab: via'"));
        Assert.Contains(found, f => f.StartsWith("text_height:", StringComparison.Ordinal) && f.Contains("rule 'fab: silkscreen text'"));
        Assert.Contains(found, f => f.StartsWith("text_thickness:", StringComparison.Ordinal) && f.Contains("rule 'fab: silkscreen text'"));
        Assert.True(found.Any(f => f.Contains("fab: silkscreen over pads", StringComparison.Ordinal)), all);
    }
}
