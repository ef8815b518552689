using OpenAmi.Fuzz;

namespace OpenAmi.Fuzz.Tests;

/// <summary>
/// Every parser and the command path, each on its test vectors and 50,000 seeded mutations of them: only the
/// parser's own typed errors, no input slower than the timeout, no input allocating beyond its budget. The same
/// targets run longer with `openami fuzz TARGET --count N`.
/// </summary>
public class ParserFuzzTests
{
    private const long Inputs = 50_000;
    private const int Seed = 18;
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(2);

    public static TheoryData<string> Targets => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Only_typed_errors_no_hangs_and_allocation_within_budget(string name)
    {
        FuzzReport report = FuzzRunner.Run(FuzzTargets.Find(name)!, Inputs, Seed, PerInput);

        Assert.True(report.Passed, report.FirstFailure);
        Assert.Equal(Inputs, report.Inputs);
    }

    [Fact]
    public void Every_parser_of_the_firmware_is_a_target()
    {
        Assert.Equal(
            new[] { "hdlc", "apdu", "axdr", "iec21", "modbus", "mqtt", "json", "config", "profile", "secrets", "sts", "openpaygo", "cosem-datetime", "command" },
            FuzzTargets.All.Select(t => t.Name));
        Assert.All(FuzzTargets.All, t => Assert.NotEmpty(t.Seeds));
    }
}
