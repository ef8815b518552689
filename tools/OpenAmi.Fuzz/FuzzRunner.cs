using System.Diagnostics;

namespace OpenAmi.Fuzz;

/// <summary>What one target did with its inputs; a failure keeps the first offending input.</summary>
public sealed class FuzzReport
{
    public required string Target { get; init; }

    public long Inputs { get; set; }

    public long UntypedExceptions { get; set; }

    public long Hangs { get; set; }

    public long OverBudget { get; set; }

    /// <summary>Largest allocation per input byte among inputs of at least 64 bytes (smaller ones are dominated by fixed costs).</summary>
    public double WorstAllocationRatio { get; set; }

    /// <summary>Largest share of its allocation budget any input used (1.0 = exactly the budget).</summary>
    public double WorstBudgetUse { get; set; }

    public string? FirstFailure { get; set; }

    public bool Passed => UntypedExceptions == 0 && Hangs == 0 && OverBudget == 0;
}

/// <summary>
/// Runs one target over mutated inputs on a worker thread, measuring each input's allocation on that thread
/// (GC.GetAllocatedBytesForCurrentThread) and its time. An input running past the timeout is a hang: if it
/// finishes late it is counted, and if it never finishes the run stops there and reports it (the worker, a
/// background thread, is abandoned and stops if the input ever returns).
/// </summary>
public static class FuzzRunner
{
    public const int MinLengthForRatio = 64;

    private const int WarmUpRounds = 64;

    public static FuzzReport Run(FuzzTarget target, long count, int seed, TimeSpan perInputTimeout)
    {
        var report = new FuzzReport { Target = target.Name };
        var mutator = new Mutator(target.Seeds, target.MaxInputBytes, seed);
        byte[] current = [];
        long startedTicks = 0;
        bool busy = false;
        bool abandoned = false;
        var clock = Stopwatch.StartNew();
        long timeoutTicks = (long)(perInputTimeout.TotalSeconds * Stopwatch.Frequency);

        var worker = new Thread(
            () =>
        {
            // Warm-up: first calls allocate for the runtime (type loading, JIT, call counting), not for the input.
            for (int w = 0; w < WarmUpRounds; w++)
            {
                foreach (byte[] seedInput in target.Seeds)
                {
                    try
                    {
                        target.Run(seedInput);
                    }
                    catch (Exception)
                    {
                        // Judged below, where the seeds are the first inputs.
                    }
                }
            }

            // The seeds themselves first, then mutations.
            for (long i = 0; i < count && !Volatile.Read(ref abandoned); i++)
            {
                byte[] input = i < target.Seeds.Length ? target.Seeds[i] : mutator.Next();
                Volatile.Write(ref current, input);
                Volatile.Write(ref startedTicks, clock.ElapsedTicks);
                Volatile.Write(ref busy, true);
                Exception? untyped = null;
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    target.Run(input);
                }
                catch (Exception error) when (target.IsTyped(error))
                {
                    // A documented refusal.
                }
                catch (Exception error)
                {
                    untyped = error;
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                long elapsed = clock.ElapsedTicks - Volatile.Read(ref startedTicks);
                Volatile.Write(ref busy, false);
                if (!Record(report, target, i, input, untyped, allocated, elapsed > timeoutTicks, ref abandoned))
                {
                    return;
                }
            }
        },
            16 * 1024 * 1024)
        { IsBackground = true, Name = "fuzz " + target.Name };
        worker.Start();

        while (!worker.Join(50))
        {
            if (Volatile.Read(ref busy) && clock.ElapsedTicks - Volatile.Read(ref startedTicks) > timeoutTicks * 4)
            {
                lock (report)
                {
                    report.Hangs++;
                    report.FirstFailure ??= $"hang (no return within {perInputTimeout.TotalSeconds * 4:0.#} s) on {Convert.ToHexString(Volatile.Read(ref current))}";

                    // Set under the report's lock: should the input ever return, the worker records nothing more
                    // into a report its caller already holds, and stops.
                    abandoned = true;
                }

                return report;
            }
        }

        return report;
    }

    /// <summary>Adds one input's outcome to the report; false (and nothing added) once the run was abandoned.</summary>
    private static bool Record(FuzzReport report, FuzzTarget target, long index, byte[] input, Exception? untyped, long allocated, bool late, ref bool abandoned)
    {
        lock (report)
        {
            if (abandoned)
            {
                return false;
            }

            report.Inputs = index + 1;
            if (untyped != null)
            {
                report.UntypedExceptions++;
                report.FirstFailure ??= $"input {index}: {untyped.GetType().Name}: {untyped.Message} on {Convert.ToHexString(input)}";
            }

            if (late)
            {
                report.Hangs++;
                report.FirstFailure ??= $"input {index}: slower than the per-input timeout on {Convert.ToHexString(input)}";
            }

            long budget = target.Budget(input.Length);
            if (allocated > budget)
            {
                report.OverBudget++;
                report.FirstFailure ??= $"input {index}: allocated {allocated} B, budget {budget} B, on {Convert.ToHexString(input)}";
            }

            report.WorstBudgetUse = Math.Max(report.WorstBudgetUse, (double)allocated / budget);
            if (input.Length >= MinLengthForRatio)
            {
                report.WorstAllocationRatio = Math.Max(report.WorstAllocationRatio, (double)allocated / input.Length);
            }

            return true;
        }
    }
}
