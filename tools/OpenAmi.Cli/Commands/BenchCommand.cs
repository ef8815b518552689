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
        command.SetAction(parse => BenchRegistry.Run(parse.GetValue(area)!));
        return command;
    }
}
