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

    /// <summary>One table for any number of areas: a header, a rule, then every row, columns sized to fit.</summary>
    public static void PrintTable(TextWriter writer, IEnumerable<BenchReport> reports)
    {
        var rows = reports.SelectMany(r => r.Rows).ToList();
        var values = rows.Select(r => r.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        int area = rows.Select(r => r.Area.Length).Append("area".Length).Max();
        int metric = rows.Select(r => r.Metric.Length).Append("metric".Length).Max();
        int value = values.Select(v => v.Length).Append("value".Length).Max();
        int unit = rows.Select(r => r.Unit.Length).Append("unit".Length).Max();
        writer.WriteLine($"{"area".PadRight(area)}  {"metric".PadRight(metric)}  {"value".PadLeft(value)}  {"unit".PadRight(unit)}  conditions");
        writer.WriteLine($"{new string('-', area)}  {new string('-', metric)}  {new string('-', value)}  {new string('-', unit)}  ----------");
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            writer.WriteLine($"{row.Area.PadRight(area)}  {row.Metric.PadRight(metric)}  {values[i].PadLeft(value)}  {row.Unit.PadRight(unit)}  {row.Conditions}".TrimEnd());
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

    /// <summary>
    /// `bench --quick`: 1/100 of every iteration count (at least one) and the smallest sizes, to check that every
    /// benchmark runs; its figures are not comparable with a full run.
    /// </summary>
    public static bool Quick { get; set; }

    /// <summary>Host time spent warming up in <see cref="SteadyState"/>: long enough for tiered JIT to finish (≈ 0.1 s).</summary>
    public static readonly TimeSpan SteadyWarmup = TimeSpan.FromSeconds(1);

    /// <summary>Timed rounds in <see cref="SteadyState"/>; the median round is reported.</summary>
    public const int SteadyRounds = 5;

    /// <summary>The conditions of a <see cref="SteadyState"/> figure, for a bench row.</summary>
    public static readonly string SteadyConditions = $"median of {SteadyRounds} rounds after {SteadyWarmup.TotalSeconds:0} s warm-up";

    /// <summary>
    /// Steady-state figure of code that runs all the time on the device: call <paramref name="op"/> for
    /// <see cref="SteadyWarmup"/> of host time first (so the fully optimised JIT tier is measured, not the
    /// first-call code), then time <see cref="SteadyRounds"/> rounds of <paramref name="iterations"/> and report the
    /// median round. Allocation is that of the median round.
    /// </summary>
    public static Result SteadyState(Action op, long iterations)
    {
        var warm = Stopwatch.StartNew();
        var limit = Quick ? TimeSpan.FromMilliseconds(10) : SteadyWarmup;
        while (warm.Elapsed < limit)
        {
            op();
        }

        var rounds = new Result[SteadyRounds];
        for (int i = 0; i < rounds.Length; i++)
        {
            rounds[i] = Run(op, iterations, 0);
        }

        return rounds.OrderBy(r => r.NanosecondsPerOp).ElementAt(SteadyRounds / 2);
    }

    public static Result Run(Action op, long iterations, long warmup = 1000)
    {
        if (Quick)
        {
            iterations = Math.Max(1, iterations / 100);
            warmup = Math.Max(1, warmup / 100);
        }

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
