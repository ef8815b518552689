using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// The project's own land patterns (lib/openami.pretty, written by scripts/generate_footprints.py) against the
/// table in hardware/README.md, which states for each the datasheet it is drawn from and the datasheet's pad
/// count, pitch and body size: a generator edit that moves a pad or resizes a body fails here, and so does a
/// footprint nobody has put in the table.
/// </summary>
public class FootprintLibraryTests
{
    private static readonly string Library = Path.Combine(HardwareTools.Project, "lib", "openami.pretty");

    public static TheoryData<string> Footprints()
    {
        var data = new TheoryData<string>();
        foreach (string name in Table.Value.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_library_footprint_is_in_the_README_table_and_back()
    {
        var files = Directory.GetFiles(Library, "*.kicad_mod").Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Table.Value.Keys.Order(StringComparer.Ordinal), files);
    }

    [Theory]
    [MemberData(nameof(Footprints))]
    public void Footprint_matches_its_datasheet_row(string name)
    {
        var row = Table.Value[name];
        string text = File.ReadAllText(Path.Combine(Library, name + ".kicad_mod"));

        Assert.Equal(row.Source, Regex.Match(text, @"\(descr ""([^""]*)""\)").Groups[1].Value);

        var pads = Regex.Matches(text, @"\(pad ""[^""]*"" \w+ \w+ \(at ([-\d.]+) ([-\d.]+)")
            .Select(m => (X: Number(m.Groups[1].Value), Y: Number(m.Groups[2].Value))).ToArray();
        Assert.Equal(row.Pads, pads.Length);

        var distances = pads.SelectMany((a, i) => pads.Skip(i + 1).Select(b => Math.Sqrt(
            (a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y)))).Where(d => d > 1e-6).ToArray();
        if (row.Pitch is double pitch)
        {
            Assert.Equal(pitch, distances.Min(), 3);
        }
        else
        {
            Assert.Empty(distances);
        }

        var body = Regex.Match(text, @"\(fp_rect \(start ([-\d.]+) ([-\d.]+)\) \(end ([-\d.]+) ([-\d.]+)\)[^\n]*""F\.Fab""");
        if (row.Body is (double w, double h))
        {
            Assert.True(body.Success, name + " draws no body on F.Fab");
            Assert.Equal(w, Number(body.Groups[3].Value) - Number(body.Groups[1].Value), 3);
            Assert.Equal(h, Number(body.Groups[4].Value) - Number(body.Groups[2].Value), 3);
        }
        else
        {
            Assert.False(body.Success, name + " draws a body the table does not list");
        }

        string model = Regex.Match(text, @"\(model ""\$\{KICAD9_3DMODEL_DIR\}/([^""]*)""").Groups[1].Value;
        Assert.Equal(row.Model, model.Length == 0 ? "-" : model);
    }

    private sealed record Row(string Source, int Pads, double? Pitch, (double W, double H)? Body, string Model);

    /// <summary>The rows of README's "Project footprints" table: | name | source | pads | pitch | body | model |.</summary>
    private static readonly Lazy<Dictionary<string, Row>> Table = new(() =>
    {
        string readme = File.ReadAllText(Path.Combine(HardwareTools.Root, "hardware", "README.md"));
        int start = readme.IndexOf("| footprint | drawn from", StringComparison.Ordinal);
        Assert.True(start >= 0, "hardware/README.md has no project footprint table");
        var rows = new Dictionary<string, Row>();
        foreach (string line in readme.Substring(start).Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            string[] c = line.Trim().Trim('|').Split('|').Select(s => s.Trim()).ToArray();
            Assert.True(c.Length == 6, "malformed footprint table row: " + line);
            var body = Regex.Match(c[4], @"^([\d.]+) x ([\d.]+)$");
            rows.Add(c[0].Trim('`'), new Row(c[1], int.Parse(c[2], CultureInfo.InvariantCulture),
                c[3] == "-" ? null : Number(c[3]),
                body.Success ? (Number(body.Groups[1].Value), Number(body.Groups[2].Value)) : null,
                c[5].Trim('`')));
        }

        return rows;
    });

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
