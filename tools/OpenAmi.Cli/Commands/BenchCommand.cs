using System.CommandLine;
using OpenAmi.Cli.Bench;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami bench AREA`: each library issue registers its benchmark in <see cref="BenchRegistry"/>.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Run benchmarks and print their figures as JSON (`all` prints one table).");
        var area = new Argument<string>("area") { Description = "all, or one of: " + string.Join(", ", BenchRegistry.Names) };
        command.Arguments.Add(area);
        var quick = new Option<bool>("--quick") { Description = "smallest sizes and 1/100 of the iterations: checks every benchmark runs; figures not comparable" };
        command.Options.Add(quick);
        command.SetAction(parse =>
        {
            Measure.Quick = parse.GetValue(quick);
            return BenchRegistry.Run(parse.GetValue(area)!);
        });
        return command;
    }
}
