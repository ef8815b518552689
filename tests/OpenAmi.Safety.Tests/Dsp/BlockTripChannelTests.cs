using OpenAmi.Safety.Dsp;
using OpenAmi.TestVectors;

namespace OpenAmi.Safety.Tests.Dsp;

/// <summary>
/// The block channel on the blocks of tests/vectors/RcmVectors.cs (shared with the board tests), among them its over-range
/// handling: a sample on a converter rail means "at least the rail value" and counts towards the high-set; a block
/// entirely on a rail is reported as such so that supervision can tell a real fault on a live line from a failed sensor
/// (docs/safety.md, "Converter range and over-range").
/// </summary>
public class BlockTripChannelTests
{
    public static TheoryData<int> Blocks() => new(Enumerable.Range(0, RcmVectors.Blocks.Length));

    [Theory]
    [MemberData(nameof(Blocks))]
    public void EachBlockGetsItsVerdictCauseAndMagnitude(int index)
    {
        var block = RcmVectors.Blocks[index];
        var calibration = new Calibration(block.OffsetCounts, 1.0 / RcmVectors.CountsPerMa);
        var channel = new BlockTripChannel(new DetectorSettings { HighSetMa = RcmVectors.HighSetMa }, calibration,
            RcmVectors.RailLowCounts, RcmVectors.RailHighCounts);

        Assert.Equal(RcmVectors.SamplesPerBlock, block.Counts.Length);
        Assert.Equal(block.Verdict, channel.Judge(block.Counts, 0, block.Counts.Length, RcmVectors.CycleMicroseconds));
        Assert.Equal(block.Cause, channel.LastCause);
        Assert.Equal(block.MagnitudeMa, channel.LastMagnitudeMa, block.ToleranceMa);
    }
}
