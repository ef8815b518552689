using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Rcm;

/// <summary>
/// `openami rcm simulate` by default: the device's block channel (one captured mains cycle judged as a whole, DC on two
/// consecutive blocks) on the device's schedule, reported for the slowest position of the onset inside a block.
/// Expectations are worked by hand from docs/safety.md ("Block sampling on the device"): T = 20 ms per 48-sample block
/// at 2.4 kHz and 50 Hz, a line's next capture starts G after its last one ends, a trip is known J after the
/// capture of the block that shows it; AC/high-set ≤ 2T + G + J, DC ≤ 3T + 2G + J.
/// </summary>
public class RcmBlockSimulateTests
{
    private const double T = 20;
    private const double SampleMs = 1000.0 / 2400;

    private static JsonObject Simulate(string waveform, double ma, params string[] extra)
    {
        var result = OpenAmiCli.Run(["rcm", "simulate", "--waveform", waveform, "--ma", ma.ToString("R"), .. extra]);
        result.AssertSucceeded();
        return result.Document;
    }

    [Fact]
    public void DcAtFiveTimesRatedTripsOnTheThirdBlockWhenTheOnsetComesLateInTheFirst()
    {
        // 30 mA DC is 410 counts of the 12-bit ±150 mA converter = 30.04 mA. The first block, begun k samples before
        // the onset, has the mean 30.04·(48 − k)/48: ≥ the 4.5 mA pickup for k ≤ 40 (5.01 mA), below it for k = 41
        // (4.38 mA). So k = 41 is the slowest: blocks 2 and 3 confirm, and the trip is known at
        // −41·(1/2.4) + 2(T + G) + T + J = 247.917 ms for J = 5, G = 100. High-set (100 mA) is never reached.
        var result = Simulate("dc", 30, "--judge-ms", "5", "--gap-ms", "100");
        Assert.True(result["tripped"]!.GetValue<bool>());
        Assert.Equal("dc", result["cause"]!.GetValue<string>());
        Assert.Equal((-41 * SampleMs) + (2 * (T + 100)) + T + 5, result["latencyMs"]!.GetValue<double>(), 0.001);
        Assert.Equal("block", result["detector"]!.GetValue<string>());
        Assert.Equal(5, result["judgeMs"]!.GetValue<double>());
        Assert.Equal(100, result["gapMs"]!.GetValue<double>());
        Assert.True((double)result["latencyMs"]! <= (3 * T) + (2 * 100) + 5, "DC bound 3T + 2G + J");
    }

    [Theory]
    [InlineData("dc", 3.0)]
    [InlineData("ac", 15.0)]
    public void NoTripAtHalfRatedAtAnyOnsetPosition(string waveform, double ma)
    {
        // Issue 7: no trip at 0.5×IΔn (6 mA DC, 30 mA AC), on every block of one second at every onset position.
        var result = Simulate(waveform, ma, "--judge-ms", "5", "--gap-ms", "100");
        Assert.False(result["tripped"]!.GetValue<bool>());
        Assert.Null(result["latencyMs"]);
    }

    [Fact]
    public void TheDefaultScheduleIsTheDeviceModelsFourLineGapAndStaysWithinTheAcBound()
    {
        var result = Simulate("ac", 30);
        double judge = result["judgeMs"]!.GetValue<double>();
        double gap = result["gapMs"]!.GetValue<double>();
        // G = 3(T + J) + J + Q + P with Q = 20 ms (nanoCLR's quantum) and a GC pause P > 0: the other three lines'
        // rounds and this line's own judging are in it.
        Assert.True(judge > 0, $"J = {judge}");
        Assert.True(gap > (3 * (T + judge)) + judge + 20, $"G = {gap} for J = {judge}");
        Assert.True(result["tripped"]!.GetValue<bool>());
        Assert.Equal("ac", result["cause"]!.GetValue<string>());
        double latency = result["latencyMs"]!.GetValue<double>();
        // The slowest onset position leaves the first block too little of the fault, so a later block trips.
        Assert.InRange(latency, T + gap, (2 * T) + gap + judge);
    }
}
