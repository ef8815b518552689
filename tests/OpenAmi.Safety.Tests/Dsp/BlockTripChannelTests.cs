using OpenAmi.Safety.Dsp;

namespace OpenAmi.Safety.Tests.Dsp;

/// <summary>
/// Over-range handling of the block channel: a sample on a converter rail means "at least the rail value" and counts
/// towards the high-set; a block entirely on a rail is reported as such so that supervision can tell a real fault on a
/// live line from a failed sensor (docs/safety.md, "Converter range and over-range"). Test calibration 1/1024 mA per
/// count with rails at ±40 mA.
/// </summary>
public class BlockTripChannelTests
{
    private const int N = 48;
    private const long CycleUs = 20_000;
    private static readonly int Low = Samples.Counts(-40);
    private static readonly int High = Samples.Counts(40);

    private static BlockTripChannel Channel(Calibration? calibration = null) =>
        new(new DetectorSettings { HighSetMa = 39 }, calibration ?? Samples.Fine, Low, High);

    private static int[] Block(Func<int, double> ma) => Enumerable.Range(0, N).Select(k => Samples.Counts(ma(k))).ToArray();

    [Fact]
    public void ABlockEntirelyOnARailIsReportedWithAHighSetOfAtLeastTheRailValue()
    {
        var channel = Channel();
        Assert.Equal(BlockVerdict.StuckAtRail, channel.Judge(Block(_ => 60), 0, N, CycleUs));
        Assert.Equal(TripCause.HighSet, channel.LastCause);
        Assert.Equal(40, channel.LastMagnitudeMa, 1e-9);
    }

    [Fact]
    public void RailSamplesTripTheHighSetEvenWhenAutoZeroMovedTheRailBelowIt()
    {
        // Auto-zero found a +15 mA offset: the upper rail now reads 40 − 15 = 25 mA, below the 39 mA high-set. A 30 mA
        // peak sine on that offset (raw 15 ± 30 mA) clips on the upper rail only; it must still trip on the high-set
        // (consecutive rail samples), reported as at least the rail's 25 mA.
        var shifted = Samples.Fine.WithOffset(Samples.Counts(15));
        var channel = Channel(shifted);
        var verdict = channel.Judge(Block(k => 15 + Samples.Sine(30 / Math.Sqrt(2), k, N)), 0, N, CycleUs);
        Assert.Equal(BlockVerdict.Trip, verdict);
        Assert.Equal(TripCause.HighSet, channel.LastCause);
        Assert.Equal(25, channel.LastMagnitudeMa, 1e-9);
    }

    [Fact]
    public void ASingleRailSampleIsASpikeNotAHighSet()
    {
        var channel = Channel();
        Assert.Equal(BlockVerdict.Normal, channel.Judge(Block(k => k == 7 ? 80 : 0), 0, N, CycleUs));
    }
}
