using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OpenAmi.Cli.Bench;

/// <summary>One measured figure: what, how much, in which unit, and the conditions that make it comparable.</summary>
public sealed record BenchRow(string Area, string Metric, double Value, string Unit, string Conditions = "")
{
    public JsonObject ToJson() => new()
    {
        ["area"] = Area, ["metric"] = Metric, ["value"] = Value, ["unit"] = Unit, ["conditions"] = Conditions,
    };
}

public sealed record BenchReport(string Area, IReadOnlyList<BenchRow> Rows)
{
    public JsonObject ToJson() => new()
    {
        ["area"] = Area,
        ["rows"] = new JsonArray(Rows.Select(r => (JsonNode)r.ToJson()).ToArray()),
    };

    public static void PrintTable(TextWriter writer, IEnumerable<BenchReport> reports)
    {
        foreach (var row in reports.SelectMany(r => r.Rows))
        {
            writer.WriteLine($"{row.Area,-12} {row.Metric,-52} {row.Value,14:G6} {row.Unit,-10} {row.Conditions}");
        }
    }
}

/// <summary>
/// Shared measuring: warm up, then time a fixed number of iterations and count the bytes the current
/// thread allocated. Allocation counts are exact (GC.GetAllocatedBytesForCurrentThread); times are host times.
/// </summary>
public static class Measure
{
    public readonly record struct Result(double NanosecondsPerOp, double BytesPerOp, long Iterations)
    {
        public double OpsPerSecond => 1e9 / NanosecondsPerOp;
    }

    public static Result Run(Action op, long iterations, long warmup = 1000)
    {
        for (long i = 0; i < warmup; i++)
        {
            op();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (long i = 0; i < iterations; i++)
        {
            op();
        }

        watch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new Result(watch.Elapsed.TotalNanoseconds / iterations, (double)allocated / iterations, iterations);
    }
}
