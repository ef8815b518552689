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

    /// <summary>
    /// Inputs the long runs found (`openami fuzz all --count 10000000 --seed 2027`), kept so the fix stays: a profile made
    /// of one register's members built the allowed-member list anew, by repeated appending, for every unknown member
    /// (28,488 B for 112 input bytes); a configuration with the same shape took the same path in its own reader.
    /// </summary>
    [Theory]
    [InlineData("profile", "{\n   \"function\": 3, \"register\": 8196, \"encoding\": \"float32\", \"order\": \"ABCD\", \"scaler\": 3, \"unit\": \"W\" }")]
    [InlineData("config", "{\"function\":3,\"register\":8196,\"encoding\":\"float32\",\"order\":\"ABCD\",\"scaler\":3,\"unit\":\"W\",\"a\":1,\"b\":2,\"c\":3,\"d\":4}")]
    public void Inputs_the_long_runs_found_stay_within_budget(string name, string input)
    {
        FuzzTarget target = FuzzTargets.Find(name)!;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(input);
        target.Run(bytes); // warm-up: type loading and JIT allocate for the runtime, not for the input
        long before = GC.GetAllocatedBytesForCurrentThread();
        target.Run(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated <= target.Budget(bytes.Length), $"{allocated} B allocated, budget {target.Budget(bytes.Length)} B");
    }

    [Fact]
    public void Every_parser_of_the_firmware_is_a_target()
    {
        Assert.Equal(
            new[] { "hdlc", "apdu", "axdr", "iec21", "modbus", "json", "config", "profile", "secrets", "sts", "openpaygo", "cosem-datetime", "command" },
            FuzzTargets.All.Select(t => t.Name));
        Assert.All(FuzzTargets.All, t => Assert.NotEmpty(t.Seeds));
    }
}
