using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// The mains side of the board as the design review asks for it (docs/hardware/design-review.md, finding 3),
/// read from the committed board file, not from the scripts that wrote it: mains copper only on the outer layers
/// and doubled there, no copper shared by two tenant lines, a stack-up stated in the file, and the barrier marked.
/// Net classes come from the project file's patterns, as KiCad assigns them.
/// </summary>
public class MainsLayoutTests
{
    private static readonly string[] MainsClasses = { "Mains", "MainsSense" };
    private static readonly string BoardText = File.ReadAllText(HardwareTools.Board);

    [Fact]
    public void Mains_copper_stays_on_the_outer_layers_with_no_vias()
    {
        var mains = NetsOfClass(MainsClasses);
        var inner = Segments().Where(s => mains.Contains(s.Net) && s.Layer != "F.Cu" && s.Layer != "B.Cu")
            .Select(s => $"{s.Net} on {s.Layer}").Distinct().ToArray();
        Assert.True(inner.Length == 0, "mains copper on an inner layer: " + string.Join(", ", inner));

        var viaNets = Regex.Matches(BoardText, @"\(via\s*\(at [\d.]+ [\d.]+\)\s*\(size [\d.]+\)\s*\(drill [\d.]+\)\s*\(layers[^)]*\)\s*\(net (\d+)\)")
            .Select(m => NetName(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))).ToArray();
        Assert.NotEmpty(viaNets);
        var vias = viaNets.Where(mains.Contains).Distinct().ToArray();
        Assert.True(vias.Length == 0, "vias (barrels through the inner layers) on mains nets: " + string.Join(", ", vias));
    }

    /// <summary>One 2.5 mm track on 70 um copper carries 16 A at about 53 K rise by IPC-2221's external-conductor
    /// formula; two in parallel about 11 K (hardware/README.md): each current-carrying mains net must have the same
    /// copper on F.Cu and on B.Cu.</summary>
    [Fact]
    public void Every_current_carrying_mains_net_is_doubled_on_both_outer_layers()
    {
        var segments = Segments().ToArray();
        var single = new List<string>();
        foreach (string net in NetsOfClass(new[] { "Mains" }))
        {
            double front = segments.Where(s => s.Net == net && s.Layer == "F.Cu").Sum(s => s.Length);
            double back = segments.Where(s => s.Net == net && s.Layer == "B.Cu").Sum(s => s.Length);
            if (front + back > 0 && Math.Abs(front - back) > 0.01)
            {
                single.Add($"{net}: F.Cu {front:F1} mm, B.Cu {back:F1} mm");
            }
        }
        Assert.True(single.Count == 0, "mains nets not doubled:\n" + string.Join("\n", single));
    }

    /// <summary>Each tenant line has its own supply terminal: no mains net reaches parts of two lines (a shared net
    /// would carry every line's current through one line's copper, as the old MAINS_L/MAINS_N bus did).</summary>
    [Fact]
    public void No_mains_net_joins_two_tenant_lines()
    {
        var mains = NetsOfClass(new[] { "Mains" });
        var lines = new Dictionary<string, SortedSet<char>>();
        foreach (string block in BoardText.Split("\n\t(footprint ").Skip(1))
        {
            string reference = Regex.Match(block, @"\(property ""Reference"" ""([^""]+)""").Groups[1].Value;
            // tenant-line parts are numbered n01..n99 with n = 1..4 (R101, J402, ...)
            var line = Regex.Match(reference, @"^[A-Z]+([1-4])\d\d$");
            foreach (Match pad in Regex.Matches(block, @"\(net \d+ ""([^""]+)""\)"))
            {
                string net = pad.Groups[1].Value;
                if (mains.Contains(net) && line.Success)
                {
                    if (!lines.TryGetValue(net, out var set))
                    {
                        lines[net] = set = new SortedSet<char>();
                    }
                    set.Add(line.Groups[1].Value[0]);
                }
            }
        }
        Assert.NotEmpty(lines);
        var shared = lines.Where(kv => kv.Value.Count > 1).Select(kv => $"{kv.Key}: lines {string.Join(",", kv.Value)}").ToArray();
        Assert.True(shared.Length == 0, "mains nets shared by tenant lines: " + string.Join("; ", shared));
    }

    /// <summary>The stack-up the copper sizing and the isolation argument rest on is in the board file (a fab reads
    /// it from there): four copper layers in order, 2 oz outer copper, about 1.6 mm in total.</summary>
    [Fact]
    public void Board_file_states_its_four_layer_stack_up_with_2_oz_outer_copper()
    {
        Match stackup = Regex.Match(BoardText, @"\(stackup\s*((?:\((?:[^()]|\([^()]*\))*\)\s*)*)\)");
        Assert.True(stackup.Success, "the board file has no (stackup ...) in its setup");
        var layers = Regex.Matches(stackup.Groups[1].Value, @"\(layer ""([^""]+)""\s*\(type ""([^""]+)""\)(?:\s*\(thickness ([\d.]+)\))?")
            .Select(m => (Name: m.Groups[1].Value, Type: m.Groups[2].Value,
                Thickness: m.Groups[3].Success ? double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0.0))
            .ToArray();
        var copper = layers.Where(l => l.Type == "copper").ToArray();
        Assert.Equal(new[] { "F.Cu", "In1.Cu", "In2.Cu", "B.Cu" }, copper.Select(l => l.Name).ToArray());
        Assert.True(copper[0].Thickness >= 0.07 && copper[3].Thickness >= 0.07,
            $"outer copper {copper[0].Thickness} / {copper[3].Thickness} mm: the 16 A sizing needs 70 um");
        double total = layers.Sum(l => l.Thickness);
        Assert.InRange(total, 1.5, 1.7);
    }

    /// <summary>The barrier is visible on the board: one silkscreen line (interrupted only by the parts that
    /// bridge it) across at least half the board's width, and its warning text.</summary>
    [Fact]
    public void Barrier_between_mains_and_SELV_is_marked_on_the_silkscreen()
    {
        var lengthAtY = Regex.Matches(BoardText,
                @"\(gr_line\s*\(start ([\d.]+) ([\d.]+)\)\s*\(end ([\d.]+) ([\d.]+)\)\s*\(stroke\s*\(width [\d.]+\)\s*\(type \w+\)\s*\)\s*\(layer ""F\.SilkS""\)")
            .Where(m => m.Groups[2].Value == m.Groups[4].Value)
            .GroupBy(m => m.Groups[2].Value)
            .Select(g => g.Sum(m => Math.Abs(Number(m.Groups[3]) - Number(m.Groups[1]))))
            .DefaultIfEmpty(0).Max();
        Assert.True(lengthAtY >= 135, $"longest horizontal silkscreen barrier line: {lengthAtY:F1} mm");
        Assert.Contains("REINFORCED ISOLATION", BoardText);
    }

    private sealed record Segment(string Net, string Layer, double Length);

    private static IEnumerable<Segment> Segments() =>
        Regex.Matches(BoardText, @"\(segment\s*\(start ([\d.]+) ([\d.]+)\)\s*\(end ([\d.]+) ([\d.]+)\)\s*\(width [\d.]+\)\s*\(layer ""([^""]+)""\)\s*\(net (\d+)\)")
            .Select(m => new Segment(NetName(int.Parse(m.Groups[6].Value, CultureInfo.InvariantCulture)), m.Groups[5].Value,
                Math.Sqrt(Math.Pow(Number(m.Groups[3]) - Number(m.Groups[1]), 2) + Math.Pow(Number(m.Groups[4]) - Number(m.Groups[2]), 2))));

    private static readonly Dictionary<int, string> Nets = Regex.Matches(BoardText, @"^\t\(net (\d+) ""([^""]*)""\)", RegexOptions.Multiline)
        .ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);

    private static string NetName(int code) => Nets[code];

    /// <summary>Board nets whose name matches a project net-class pattern of one of the classes ('*' = any run).</summary>
    private static HashSet<string> NetsOfClass(string[] classes)
    {
        using var project = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(HardwareTools.Board, ".kicad_pro")));
        var patterns = project.RootElement.GetProperty("net_settings").GetProperty("netclass_patterns").EnumerateArray()
            .Where(p => classes.Contains(p.GetProperty("netclass").GetString()))
            .Select(p => new Regex("^" + Regex.Escape(p.GetProperty("pattern").GetString()!).Replace(@"\*", ".*") + "$"))
            .ToArray();
        var nets = Nets.Values.Where(n => patterns.Any(p => p.IsMatch(n))).ToHashSet();
        Assert.NotEmpty(nets);
        return nets;
    }

    private static double Number(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);
}
