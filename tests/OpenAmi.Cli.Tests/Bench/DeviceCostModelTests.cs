using OpenAmi.Cli.Bench;

namespace OpenAmi.Cli.Tests.Bench;

/// <summary>
/// The device cost model's arithmetic against figures worked by hand from docs/safety.md's latency formula
/// (AC ≤ 2T + G, DC ≤ 3T + 2G, plus the last block's judging J; G = the other three lines' capture and judging, this
/// line's judging, one 20 ms quantum and a GC pause) and issue 15's estimate of 2.8–8.2 ms per judged block.
/// </summary>
public class DeviceCostModelTests
{
    private static readonly DeviceCostModel Model = DeviceCostModel.Default;
    private static readonly CostRange IssueJudge = new(2.8, 8.2);

    [Fact]
    public void A_host_time_becomes_device_time_through_the_ratio_and_the_esp32_factor()
    {
        // 1 µs on the JIT: 1000 ns × 58 × 44 = 2.552 ms; 1000 ns × 68 × 131 = 8.908 ms.
        var device = Model.OnDevice(1000, Model.RcmDsp);

        Assert.Equal(2.552, device.Low, 9);
        Assert.Equal(8.908, device.High, 9);
    }

    [Fact]
    public void A_safety_round_captures_and_judges_four_lines()
    {
        var round = Model.SafetyRound(IssueJudge);

        Assert.Equal(4 * 22.8, round.Low, 9);
        Assert.Equal(4 * 28.2, round.High, 9);
    }

    [Fact]
    public void Worst_case_latencies_follow_the_documented_formula_without_a_gc_pause()
    {
        // G = 3 × (20 + 2.8) + 2.8 + 20 = 91.2; AC = 40 + 91.2 + 2.8 = 134; DC = 60 + 2 × 91.2 + 2.8 = 245.2.
        // G = 3 × (20 + 8.2) + 8.2 + 20 = 112.8; AC = 40 + 112.8 + 8.2 = 161; DC = 60 + 225.6 + 8.2 = 293.8.
        Assert.Equal(134.0, Model.WorstCaseAcMs(IssueJudge, 0).Low, 9);
        Assert.Equal(161.0, Model.WorstCaseAcMs(IssueJudge, 0).High, 9);
        Assert.Equal(245.2, Model.WorstCaseDcMs(IssueJudge, 0).Low, 9);
        Assert.Equal(293.8, Model.WorstCaseDcMs(IssueJudge, 0).High, 9);
    }

    [Fact]
    public void A_gc_pause_lengthens_the_gap_once_for_ac_and_twice_for_dc()
    {
        Assert.Equal(134.0 + 10, Model.WorstCaseAcMs(IssueJudge, 10).Low, 9);
        Assert.Equal(245.2 + 20, Model.WorstCaseDcMs(IssueJudge, 10).Low, 9);
    }

    [Fact]
    public void The_gc_pause_scales_the_published_one_millisecond_per_8424_live_bytes()
    {
        // 42 KB of assemblies + 41,232 B held = 84,240 B = 10 × 8,424 B → 10 ms.
        Assert.Equal(10.0, Model.GcPauseMs(84_240 - (42 * 1024)), 9);
    }
}
