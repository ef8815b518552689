using OpenAmi.Fuzz;

namespace OpenAmi.Fuzz.Tests;

/// <summary>The harness itself: each kind of failure it exists to find is found and reported with its input.</summary>
public class HarnessTests
{
    private sealed class Broken(Action<byte[]> run, int perByte = 64) : FuzzTarget
    {
        public override string Name => "broken";

        public override byte[][] Seeds { get; } = [[1, 2, 3, 4, 5, 6, 7, 8]];

        public override int BytesPerInputByte => perByte;

        public override void Run(byte[] input) => run(input);

        public override bool IsTyped(Exception error) => error is FormatException;
    }

    [Fact]
    public void An_untyped_exception_is_counted_and_a_typed_one_is_not()
    {
        var report = FuzzRunner.Run(new Broken(input =>
        {
            if (input.Length > 10)
            {
                throw new IndexOutOfRangeException("index");
            }

            throw new FormatException("typed");
        }), 2000, 1, TimeSpan.FromSeconds(2));

        Assert.False(report.Passed);
        Assert.True(report.UntypedExceptions > 0);
        Assert.True(report.UntypedExceptions < 2000);
        Assert.Contains("IndexOutOfRangeException", report.FirstFailure);
    }

    [Fact]
    public void Allocation_over_the_budget_is_counted()
    {
        var report = FuzzRunner.Run(new Broken(input => GC.KeepAlive(new byte[(input.Length * 200) + 20_000]), perByte: 64), 200, 1, TimeSpan.FromSeconds(2));

        Assert.Equal(200, report.OverBudget);
        Assert.Contains("budget", report.FirstFailure);
    }

    [Fact]
    public void An_input_that_never_returns_is_reported_as_a_hang()
    {
        using var release = new ManualResetEventSlim();
        var report = FuzzRunner.Run(new Broken(input =>
        {
            if (input.Length == 3)
            {
                release.Wait();
            }
        }), 1_000_000, 1, TimeSpan.FromMilliseconds(250));
        long inputs = report.Inputs;

        // The abandoned input now returns; the report its caller holds must not change under it.
        release.Set();
        Thread.Sleep(300);

        Assert.Equal(1, report.Hangs);
        Assert.Equal(inputs, report.Inputs);
        Assert.StartsWith("hang", report.FirstFailure);
        Assert.True(report.Inputs < 1_000_000);
    }

    [Fact]
    public void The_same_seed_gives_the_same_inputs()
    {
        byte[][] seeds = [[0x7E, 0xA0, 0x07, 0x03, 0x21, 0x93, 0x10, 0xF1, 0x7E]];
        var a = new Mutator(seeds, 512, 42);
        var b = new Mutator(seeds, 512, 42);
        var c = new Mutator(seeds, 512, 43);
        var first = Enumerable.Range(0, 100).Select(_ => Convert.ToHexString(a.Next())).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 100).Select(_ => Convert.ToHexString(b.Next())));
        Assert.NotEqual(first, Enumerable.Range(0, 100).Select(_ => Convert.ToHexString(c.Next())));
    }
}
