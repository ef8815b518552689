using System.CommandLine;
using System.Diagnostics;
using OpenAmi.Fuzz;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami fuzz TARGET|all --count N [--seed S]`: the fuzz targets the tests run, for long runs.</summary>
public static class FuzzCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "a target (" + string.Join(", ", FuzzTargets.All.Select(t => t.Name)) + ") or all" };
        var count = new Option<long>("--count") { Description = "inputs per target (the seeds first, then mutations)", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "mutator seed; a failure is reproduced by the same seed and count", DefaultValueFactory = _ => 1 };
        var timeout = new Option<double>("--timeout") { Description = "seconds one input may take before it counts as a hang", DefaultValueFactory = _ => 2 };
        var command = new Command(
            "fuzz",
            "Mutates the test vectors of every parser and the command path; prints per target the inputs, untyped exceptions, hangs, inputs over their allocation budget and the worst allocation ratio; exit 1 on any failure.");
        command.Arguments.Add(target);
        command.Options.Add(count);
        command.Options.Add(seed);
        command.Options.Add(timeout);
        command.SetAction(parse => Run(parse.GetValue(target)!, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(timeout)));
        return command;
    }

    private static int Run(string name, long count, int seed, double timeoutS)
    {
        if (count < 1 || timeoutS <= 0)
        {
            return CliOutput.Fail("--count and --timeout must be positive", CliOutput.UsageError);
        }

        FuzzTarget[] targets = name == "all" ? FuzzTargets.All : FuzzTargets.Find(name) is { } one ? [one] : [];
        if (targets.Length == 0)
        {
            return CliOutput.Fail($"no fuzz target '{name}' (targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}, all)", CliOutput.UsageError);
        }

        Console.WriteLine($"{"target",-15} {"inputs",12} {"untyped",8} {"hangs",6} {"over",6} {"worst B/B",10} {"budget",7} {"seconds",8}");
        bool failed = false;
        foreach (FuzzTarget target in targets)
        {
            var watch = Stopwatch.StartNew();
            FuzzReport report = FuzzRunner.Run(target, count, seed, TimeSpan.FromSeconds(timeoutS));
            Console.WriteLine($"{report.Target,-15} {report.Inputs,12} {report.UntypedExceptions,8} {report.Hangs,6} {report.OverBudget,6} {report.WorstAllocationRatio,10:0.0} {report.WorstBudgetUse,7:P0} {watch.Elapsed.TotalSeconds,8:0.0}");
            if (!report.Passed)
            {
                failed = true;
                Console.Error.WriteLine($"{report.Target}: {report.FirstFailure}");
            }
        }

        return failed ? 1 : 0;
    }
}
