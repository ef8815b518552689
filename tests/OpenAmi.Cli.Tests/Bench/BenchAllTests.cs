using System.Text.Json.Nodes;
using OpenAmi.Cli.Bench;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Bench;

/// <summary>
/// `openami bench all` as another program sees it: one JSON document on stdout with the rows of every registered
/// area, and one table on stderr. Shape only — figures are host measurements and never asserted. Runs with
/// --quick (smallest sizes, 1/100 of the iterations) to keep the test short.
/// </summary>
public class BenchAllTests
{
    private static readonly Lazy<CliResult> All = new(() => OpenAmiCli.Run("bench", "all", "--quick"));

    [Fact]
    public void Bench_all_prints_one_json_document_with_rows_from_every_registered_area()
    {
        var result = All.Value;
        result.AssertSucceeded();

        var rows = result.Document["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Contains("gateway", BenchRegistry.Names);
        Assert.Equal(BenchRegistry.Names.Order(), rows.Select(r => (string)r["area"]!).Distinct().Order());
        foreach (var row in rows)
        {
            Assert.Equal(["area", "metric", "value", "unit", "conditions"], row.Select(p => p.Key));
            Assert.Equal(System.Text.Json.JsonValueKind.Number, row["value"]!.GetValueKind());
            Assert.False(string.IsNullOrWhiteSpace((string)row["metric"]!));
            Assert.False(string.IsNullOrWhiteSpace((string)row["unit"]!));
        }

        // Rows of one area stay together, in registry order.
        Assert.Equal(BenchRegistry.Names, rows.Select(r => (string)r["area"]!).Distinct());
    }

    [Fact]
    public void Bench_all_prints_one_table_on_stderr_with_a_line_per_row()
    {
        var result = All.Value;
        result.AssertSucceeded();
        var rows = result.Document["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();

        var lines = result.Err.TrimEnd('\n').Split('\n');
        // One header and one rule, then exactly one line per JSON row in the same order: no per-area tables.
        Assert.Equal(rows.Count + 2, lines.Length);
        Assert.Matches(@"^area\s+metric\s+value\s+unit\s+conditions$", lines[0]);
        Assert.Matches(@"^-+  -+  -+  -+  -+$", lines[1]);
        // Every value (G6) ends at the same column as the header's "value": one table, not one per area.
        int valueEnd = lines[0].IndexOf("value", StringComparison.Ordinal) + "value".Length;
        for (int i = 0; i < rows.Count; i++)
        {
            string line = lines[i + 2];
            Assert.StartsWith((string)rows[i]["area"]!, line);
            Assert.Contains("  " + (string)rows[i]["metric"]! + " ", line);
            string value = ((double)rows[i]["value"]!).ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
            Assert.EndsWith(" " + value, line[..valueEnd]);
        }
    }
}
