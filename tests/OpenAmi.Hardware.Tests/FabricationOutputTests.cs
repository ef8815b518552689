using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// The fabrication and assembly outputs (scripts/export_fab.py, written to artifacts/hardware-fab by every test
/// run, so they are current by construction) checked against the board and schematic they come from: what a
/// board house and an assembler read must describe this board, and every BOM line must be orderable.
/// </summary>
public class FabricationOutputTests
{
    private const string Name = "openami-pole-gateway";

    private static readonly string OutDir = Path.Combine(HardwareTools.Root, "artifacts", "hardware-fab");

    /// <summary>One export shared by the tests: it runs kicad-cli six times.</summary>
    private static readonly Lazy<string> Export = new(() =>
    {
        var run = HardwareTools.Run("/usr/bin/python3", TimeSpan.FromMinutes(5),
            Path.Combine(HardwareTools.Project, "scripts", "export_fab.py"), OutDir);
        Assert.True(run.ExitCode == 0, "export_fab.py failed: " + run.Output);
        return OutDir;
    });

    private static string Gerber(string file) => Path.Combine(Export.Value, "gerbers", $"{Name}-{file}");

    /// <summary>Gerber X2 names each file's role in its %TF.FileFunction header (Ucamco Gerber Layer Format
    /// Specification, section 5.6.3): L1..L4 copper from top to bottom, mask, legend, paste, profile.</summary>
    [Theory]
    [InlineData("F_Cu.gtl", "Copper,L1,Top")]
    [InlineData("In1_Cu.g1", "Copper,L2,Inr")]
    [InlineData("In2_Cu.g2", "Copper,L3,Inr")]
    [InlineData("B_Cu.gbl", "Copper,L4,Bot")]
    [InlineData("F_Mask.gts", "Soldermask,Top")]
    [InlineData("B_Mask.gbs", "Soldermask,Bot")]
    [InlineData("F_Silkscreen.gto", "Legend,Top")]
    [InlineData("F_Paste.gtp", "Paste,Top")]
    [InlineData("Edge_Cuts.gm1", "Profile,NP")]
    public void Gerbers_name_every_layer_of_the_four_layer_stack(string file, string function)
    {
        string path = Gerber(file);
        Assert.True(File.Exists(path), path + " was not written");
        Assert.Contains($"%TF.FileFunction,{function}*%", File.ReadAllText(path));
    }

    [Fact]
    public void Gerber_job_file_describes_a_four_layer_board()
    {
        string job = File.ReadAllText(Gerber("job.gbrjob"));
        Assert.Matches(@"""LayerNumber"":\s*4\b", job);
        Assert.Matches(@"""BoardThickness"":\s*1\.6\b", job);
    }

    /// <summary>Every plated hole of the board (vias and through-hole pads) is one hit in the plated Excellon
    /// file, every mounting hole one in the non-plated one; counted from the board file, not from KiCad.</summary>
    [Fact]
    public void Drill_files_carry_every_hole_of_the_board()
    {
        var board = BoardCopper.Value;
        Assert.Equal(board.Vias + board.PlatedPads, Hits(Gerber("PTH.drl")));
        Assert.Equal(board.NonPlatedPads, Hits(Gerber("NPTH.drl")));
        Assert.Contains("TF.FileFunction,Plated,1,4,PTH", File.ReadAllText(Gerber("PTH.drl")));
    }

    /// <summary>IPC-D-356 records: 317 = through-hole access (pads and vias), 327 = SMD pad on the top side,
    /// 367 = non-plated hole (IPC-D-356A, "Test record format"). An SMD pad without a net has nothing to test.</summary>
    [Fact]
    public void IPC_D_356_netlist_lists_every_hole_and_every_connected_SMD_pad()
    {
        var board = BoardCopper.Value;
        string[] lines = File.ReadAllLines(Path.Combine(Export.Value, Name + ".ipc356"));
        Assert.Equal(board.Vias + board.PlatedPads, lines.Count(l => l.StartsWith("317", StringComparison.Ordinal)));
        Assert.Equal(board.ConnectedSmdPads, lines.Count(l => l.StartsWith("327", StringComparison.Ordinal)));
        Assert.Equal(board.NonPlatedPads, lines.Count(l => l.StartsWith("367", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("327GND ", StringComparison.Ordinal));
        Assert.Equal("999", lines.Last().Trim());
    }

    [Fact]
    public void BOM_has_a_manufacturer_MPN_and_distributor_part_number_on_every_line()
    {
        var bom = Bom.Value;
        Assert.NotEmpty(bom);
        var incomplete = bom.Where(row => row["Manufacturer"].Length == 0 || row["MPN"].Length == 0
                                          || !Regex.IsMatch(row["Distributor PN"], @"^[A-Za-z-]+:\S"))
            .Select(row => row["Refs"] + " (" + row["Value"] + ")").ToArray();
        Assert.True(incomplete.Length == 0, "BOM lines without manufacturer, MPN or distributor PN: "
                                            + string.Join(", ", incomplete));
    }

    /// <summary>Resistors are ordered by value: Yageo's RC_L ordering code is RC + size + F (1 %) + R (paper tape)
    /// + -07 (7 inch reel) + value (4K7 = 4.7 kOhm, 100R = 100 Ohm) + L (Yageo RC_L data sheet, "Ordering
    /// information"), written out here by hand for two values on the board.</summary>
    [Theory]
    [InlineData("4k7", "RC0805FR-074K7L")]
    [InlineData("100", "RC0805FR-07100RL")]
    public void BOM_orders_each_resistor_value_by_its_own_part_number(string value, string mpn)
    {
        var row = Bom.Value.Single(r => r["Value"] == value && r["Footprint"] == "openami:R_0805");
        Assert.Equal(mpn, row["MPN"]);
        Assert.Equal("Mouser:603-" + mpn, row["Distributor PN"]);
    }

    /// <summary>The BOM lists every part the board carries: its references are exactly the board's footprints
    /// that are neither board-only (mounting holes) nor bare copper (test pads).</summary>
    [Fact]
    public void BOM_and_position_file_cover_the_parts_on_the_board()
    {
        var board = BoardCopper.Value;
        var bomRefs = Bom.Value.SelectMany(r => r["Refs"].Split(',')).ToHashSet();
        Assert.Equal(board.Purchased.OrderBy(r => r), bomRefs.OrderBy(r => r));
        Assert.Equal(bomRefs.Count, Bom.Value.Sum(r => int.Parse(r["Qty"], CultureInfo.InvariantCulture)));

        var placed = File.ReadAllLines(Path.Combine(Export.Value, Name + "-pos.csv")).Skip(1)
            .Select(Csv).ToDictionary(c => c[0], c => c);
        Assert.Equal(board.Purchased.OrderBy(r => r), placed.Keys.OrderBy(r => r));
        // KiCad's position file has y up (board y negated): the ESP32 module sits where the board file puts it.
        var (x, y) = board.Position["U10"];
        Assert.Equal(x, double.Parse(placed["U10"][3], CultureInfo.InvariantCulture), 3);
        Assert.Equal(-y, double.Parse(placed["U10"][4], CultureInfo.InvariantCulture), 3);
    }

    private static int Hits(string drill) =>
        File.ReadAllLines(drill).Count(l => Regex.IsMatch(l, @"^X-?[\d.]+Y-?[\d.]+$"));

    private static readonly Lazy<List<Dictionary<string, string>>> Bom = new(() =>
    {
        string[] lines = File.ReadAllLines(Path.Combine(Export.Value, Name + "-bom.csv"));
        string[] header = Csv(lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => header.Zip(Csv(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    });

    /// <summary>kicad-cli's CSV: text fields quoted (never with a quote inside), numbers bare.</summary>
    private static string[] Csv(string line) => Regex.Matches(line, "\"([^\"]*)\"|([^,\"]+)")
        .Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToArray();

    private static readonly Lazy<Copper> BoardCopper = new(() => Copper.Read(File.ReadAllText(HardwareTools.Board)));

    /// <summary>Counts read from the .kicad_pcb s-expressions.</summary>
    private sealed record Copper(int Vias, int PlatedPads, int NonPlatedPads, int ConnectedSmdPads,
        IReadOnlyList<string> Purchased, IReadOnlyDictionary<string, (double X, double Y)> Position)
    {
        public static Copper Read(string board)
        {
            int vias = Regex.Matches(board, @"^\s*\(via\s*$", RegexOptions.Multiline).Count;
            int plated = 0, nonPlated = 0, connectedSmd = 0;
            foreach (string pad in Blocks(board, "(pad \""))
            {
                string kind = Regex.Match(pad, @"^\(pad ""[^""]*"" (\w+)").Groups[1].Value;
                plated += kind == "thru_hole" ? 1 : 0;
                nonPlated += kind == "np_thru_hole" ? 1 : 0;
                connectedSmd += kind == "smd" && pad.Contains("(net ", StringComparison.Ordinal) ? 1 : 0;
            }

            var purchased = new List<string>();
            var position = new Dictionary<string, (double, double)>();
            foreach (string fp in Blocks(board, "(footprint \""))
            {
                string reference = Regex.Match(fp, @"\(property ""Reference"" ""([^""]+)""").Groups[1].Value;
                var at = Regex.Match(fp, @"^\(footprint ""[^""]*""[\s\S]*?\(at ([-\d.]+) ([-\d.]+)");
                position[reference] = (double.Parse(at.Groups[1].Value, CultureInfo.InvariantCulture),
                    double.Parse(at.Groups[2].Value, CultureInfo.InvariantCulture));
                string attr = Regex.Match(fp, @"\(attr ([^)]*)\)").Groups[1].Value;
                if (!attr.Contains("exclude_from_bom", StringComparison.Ordinal))
                {
                    purchased.Add(reference);
                }
            }

            return new Copper(vias, plated, nonPlated, connectedSmd, purchased, position);
        }

        /// <summary>Every balanced s-expression of the text that starts with <paramref name="head"/>.</summary>
        private static IEnumerable<string> Blocks(string text, string head)
        {
            for (int start = text.IndexOf(head, StringComparison.Ordinal); start >= 0;
                 start = text.IndexOf(head, start + 1, StringComparison.Ordinal))
            {
                int depth = 0, i = start;
                bool quoted = false;
                for (; i < text.Length; i++)
                {
                    char c = text[i];
                    if (c == '"' && text[i - 1] != '\\')
                    {
                        quoted = !quoted;
                    }
                    else if (!quoted && c == '(')
                    {
                        depth++;
                    }
                    else if (!quoted && c == ')' && --depth == 0)
                    {
                        break;
                    }
                }

                yield return text.Substring(start, i - start + 1);
            }
        }
    }
}
