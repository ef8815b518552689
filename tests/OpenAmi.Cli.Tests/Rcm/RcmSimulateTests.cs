using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Rcm;

/// <summary>
/// `openami rcm simulate` run as a process (its output contract is stdout/stderr/exit code). Bounds of the streaming
/// detector (`--detector streaming`, the co-processor option) from issue 7: at 2.4 kHz no trip at 0.5× for dc and ac;
/// trip at 1× within 30 ms and at 5× within 20 ms; pulsating classes (IEC 61008 Type A limit 1.4×IΔn) within 30 ms.
/// IΔn is 6 mA for dc and 30 mA for the others. The default, the device's block channel, is held to the block
/// schedule of docs/safety.md ("Block sampling on the device") in <see cref="RcmBlockSimulateTests"/>.
/// </summary>
public class RcmSimulateTests
{
    private static JsonObject Simulate(string waveform, double ma, params string[] extra)
    {
        var result = OpenAmiCli.Run(["rcm", "simulate", "--detector", "streaming", "--waveform", waveform, "--ma", ma.ToString("R"), .. extra]);
        result.AssertSucceeded();
        return result.Document;
    }

    [Fact]
    public void OutputHasExactlyTheDocumentedShape()
    {
        var result = Simulate("dc", 6);
        Assert.Equal(["tripped", "latencyMs", "cause", "dcMa", "acMa", "detector"], result.Select(p => p.Key).ToArray());
        Assert.Equal("streaming", result["detector"]!.GetValue<string>());
        Assert.True(result["tripped"]!.GetValue<bool>());
        Assert.Equal("dc", result["cause"]!.GetValue<string>());
        // 6 mA through a 12-bit ±150 mA converter: round(6·2047/150) = 82 counts = 6.009 mA.
        Assert.Equal(6.009, result["dcMa"]!.GetValue<double>(), 0.001);
        Assert.Equal(0, result["acMa"]!.GetValue<double>(), 0.001);

        var quiet = Simulate("ac", 15);
        Assert.False(quiet["tripped"]!.GetValue<bool>());
        Assert.Null(quiet["latencyMs"]);
        Assert.Equal("none", quiet["cause"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("dc", 6.0)]
    [InlineData("ac", 30.0)]
    public void NoTripAtHalfRated(string waveform, double rated)
    {
        Assert.False(Simulate(waveform, rated * 0.5)["tripped"]!.GetValue<bool>());
        Assert.False(Simulate(waveform, rated * 0.5, "--mains", "60")["tripped"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("dc", 6.0, "dc")]
    [InlineData("ac", 30.0, "ac")]
    [InlineData("hf", 30.0, "ac")]
    public void TripAtRatedWithin30MsAndAtFiveTimesWithin20Ms(string waveform, double rated, string cause)
    {
        foreach (var mains in new[] { "50", "60" })
        {
            var at1 = Simulate(waveform, rated, "--mains", mains);
            Assert.True(at1["tripped"]!.GetValue<bool>());
            Assert.Equal(cause, at1["cause"]!.GetValue<string>());
            Assert.InRange(at1["latencyMs"]!.GetValue<double>(), 0.1, 30);

            var at5 = Simulate(waveform, rated * 5, "--mains", mains);
            Assert.True(at5["tripped"]!.GetValue<bool>());
            Assert.InRange(at5["latencyMs"]!.GetValue<double>(), 0.1, 20);
        }
    }

    [Theory]
    [InlineData("halfwave")]
    [InlineData("phase90")]
    [InlineData("phase135")]
    [InlineData("acdc")]
    public void PulsatingClassesTripAt1Point4TimesRatedWithin30Ms(string waveform)
    {
        var result = Simulate(waveform, 1.4 * 30);
        Assert.True(result["tripped"]!.GetValue<bool>());
        Assert.InRange(result["latencyMs"]!.GetValue<double>(), 0.1, 30);
    }

    [Fact]
    public void HalfWaveMeasurementsMatchTheClosedForm()
    {
        // Half-wave of RMS 20 mA has Ip = 40 mA: DC = Ip/π = 12.73 mA, AC = Ip·√(1/4 − 1/π²) = 15.42 mA
        // (sampled at 48/cycle the mean is cot(π/48)/48·Ip = 12.71 mA).
        var result = Simulate("halfwave", 20);
        Assert.Equal(40 / Math.PI, result["dcMa"]!.GetValue<double>(), 0.05);
        Assert.Equal(40 * Math.Sqrt(0.25 - 1 / (Math.PI * Math.PI)), result["acMa"]!.GetValue<double>(), 0.05);
    }

    [Theory]
    [InlineData("--waveform", "square")]
    [InlineData("--mains", "55")]
    [InlineData("--sample-rate", "2401")]
    [InlineData("--freq", "1500")]
    [InlineData("--ma", "-3")]
    [InlineData("--detector", "sliding")]
    [InlineData("--judge-ms", "5")]
    public void BadInputIsOneLineOnStderrAndANonZeroExit(string option, string value)
    {
        var args = new List<string> { "rcm", "simulate", "--detector", "streaming", "--waveform", "hf", "--ma", "30" };
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        OpenAmiCli.Run([.. args]).AssertFailedWithOneLine();
    }
}
