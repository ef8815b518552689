using OpenAmi.Safety.Dsp;

namespace OpenAmi.Safety.Tests.Dsp;

public class CycleWindowTests
{
    private const int N = 48; // 2400 Hz / 50 Hz

    private static CycleWindow Window(double noiseFloorMa = 1.0) => new(N, noiseFloorMa, Samples.Fine);

    private static CycleWindow Filled(Func<int, double> ma, int count = 3 * N)
    {
        var window = Window();
        for (int k = 0; k < count; k++)
        {
            window.Push(Samples.Counts(ma(k)));
        }

        return window;
    }

    [Fact]
    public void HalfWaveOfPeakIpHasMeanIpOverPiAndRmsIpOverTwo()
    {
        // Half-wave rectified sine of peak Ip: DC = Ip/π, RMS = Ip/2 (∫₀^π sin = 2, ∫₀^π sin² = π/2 over a 2π period;
        // docs/safety.md "The firmware DSP"). Sampled at 48/cycle the mean is Σ_{k<24} sin(kπ/24)/48 = cot(π/48)/48,
        // 0.14 % below 1/π, and the mean square is exactly 12/48 = 1/4.
        const double ip = 40;
        var window = Filled(k => Math.Max(0, ip * Math.Sin(2 * Math.PI * k / N)));
        Assert.Equal(ip / Math.PI, window.DcMa, ip / Math.PI * 0.002);
        Assert.Equal(ip / (Math.Tan(Math.PI / 48) * 48), window.DcMa, 0.002);
        Assert.Equal(ip / 2, window.TotalRmsMa, 0.002);
        Assert.Equal(WaveformClass.HalfWave, window.Classify(6));
    }

    [Fact]
    public void SinusoidRmsIsPeakOverRootTwoAndMeanIsZero()
    {
        var window = Filled(k => Samples.Sine(30, k, N, 17));
        Assert.Equal(30, window.AcRmsMa, 0.002);
        Assert.Equal(0, window.DcMa, 0.002);
        Assert.Equal(30, window.TotalRmsMa, 0.002);
        Assert.Equal(WaveformClass.Ac, window.Classify(6));
        Assert.Equal(2, window.Crossings);
    }

    [Fact]
    public void OneCycleMeanNullsMainsAndItsHarmonics()
    {
        // 6 mA DC under 30 mA of 50 Hz plus 10 mA of 3rd and 5 mA of 5th harmonic: a whole-cycle mean of a harmonic is 0,
        // and AC² = 30² + 10² + 5² by orthogonality.
        var window = Filled(k => 6 + Samples.Sine(30, k, N) + Samples.Sine(10, 3 * k, N, 40) + Samples.Sine(5, 5 * k, N, 75));
        Assert.Equal(6, window.DcMa, 0.002);
        Assert.Equal(Math.Sqrt(900 + 100 + 25), window.AcRmsMa, 0.002);
        Assert.Equal(Math.Sqrt(900 + 100 + 25 + 36), window.TotalRmsMa, 0.002);
        Assert.Equal(WaveformClass.AcDc, window.Classify(6));
    }

    [Fact]
    public void SlidingStatisticsEqualABruteForceRecomputationOfTheLastCycle()
    {
        // Second implementation: recompute mean, AC RMS, sign counts over the last N samples from scratch.
        var random = new Random(7);
        var window = Window();
        var history = new List<int>();
        for (int i = 0; i < 5000; i++)
        {
            int sample = random.Next(-200_000, 200_000);
            window.Push(sample);
            history.Add(sample);
            var last = history.Skip(Math.Max(0, history.Count - N)).Select(c => c / Samples.CountsPerMa).ToArray();
            double mean = last.Average();
            double acSquared = last.Select(x => (x - mean) * (x - mean)).Average();
            Assert.Equal(mean, window.DcMa, 1e-9);
            Assert.Equal(acSquared, window.AcSquaredMa2, 1e-6);
            Assert.Equal(last.Count(x => x >= 1.0), window.PositiveSamples);
            Assert.Equal(last.Count(x => x <= -1.0), window.NegativeSamples);
        }
    }

    [Fact]
    public void CalibrationAppliesOffsetAndSlope()
    {
        // Mid-scale 2048 on a 12-bit converter, 150 mA over 2047 counts: 2048 + 82 counts is 82·150/2047 = 6.0088 mA.
        var window = new CycleWindow(N, 1.0, new Calibration(2048, 150.0 / 2047));
        for (int i = 0; i < N; i++)
        {
            window.Push(2048 + 82);
        }

        Assert.Equal(82 * 150.0 / 2047, window.DcMa, 1e-9);
        Assert.Equal(0, window.AcRmsMa, 1e-9);
        Assert.Equal(WaveformClass.SmoothDc, window.Classify(6));
        Assert.Throws<ArgumentException>(() => new Calibration(0, 0));
        Assert.Throws<ArgumentException>(() => new Calibration(double.NaN, 1));
    }

    [Theory]
    // Phase cut at α: mean/RMS = ((1+cos α)/2π) / sqrt(((π−α)/2 + sin 2α/4)/2π): 90° → 0.45, 135° → 0.31 (< 0.55).
    [InlineData(90)]
    [InlineData(135)]
    public void PhaseCutPulsatingIsToldFromHalfWave(double firingDegrees)
    {
        double alpha = firingDegrees * Math.PI / 180;
        var window = Filled(k =>
        {
            double theta = 2 * Math.PI * (k % N) / N;
            return theta >= alpha && theta < Math.PI ? 80 * Math.Sin(theta) : 0;
        });
        Assert.Equal(WaveformClass.PhaseCut, window.Classify(6));
        Assert.Equal(80 * (1 + Math.Cos(alpha)) / (2 * Math.PI), window.DcMa, 80 * 0.02);
    }

    [Fact]
    public void HighFrequencyIsToldFromMainsAc()
    {
        // 1 kHz sampled at 2.4 kHz: 20 whole periods per 20 ms window, so the RMS is exact and crossings ≈ 40.
        var window = Filled(k => 30 * Math.Sqrt(2) * Math.Sin(2 * Math.PI * 1000 * k / 2400.0));
        Assert.Equal(WaveformClass.HighFrequency, window.Classify(6));
        Assert.Equal(30, window.AcRmsMa, 0.01);
    }

    [Fact]
    public void MinAndMaxCoverTheLastCycle()
    {
        var window = Filled(k => Samples.Sine(10, k, N, 0) + 5);
        Assert.Equal(5 + 10 * Math.Sqrt(2), window.MaxMa, 0.01);
        Assert.Equal(5 - 10 * Math.Sqrt(2), window.MinMa, 0.01);
        Assert.Equal(WaveformClass.None, Filled(_ => 0.2).Classify(6));
    }

    [Fact]
    public void ASampleOnOrBeyondARailIsHeldAtTheRailAndFlaggedOverRange()
    {
        // Rails at ±40 mA (±40960 counts in the 1/1024 mA test calibration): 55 mA reads as the rail, 40 mA, "at least".
        var window = new CycleWindow(N, 1.0, Samples.Fine, Samples.Counts(-40), Samples.Counts(40));
        window.Push(Samples.Counts(55));
        Assert.True(window.LastOverRange);
        Assert.Equal(40, window.LastMa, 1e-9);
        Assert.Equal(40, window.DcMa, 1e-9);
        window.Push(Samples.Counts(-70));
        Assert.True(window.LastOverRange);
        Assert.Equal(-40, window.LastMa, 1e-9);
        window.Push(Samples.Counts(39.9));
        Assert.False(window.LastOverRange);
        Assert.Equal(39.9, window.LastMa, 1e-3);
        Assert.Throws<ArgumentException>(() => new CycleWindow(N, 1.0, Samples.Fine, 5, 5));
    }

    [Fact]
    public void PushAllocatesNothing()
    {
        var window = Window();
        var samples = Enumerable.Range(0, 4 * N).Select(k => Samples.Counts(Samples.Sine(20, k, N) + 3)).ToArray();
        foreach (int s in samples)
        {
            window.Push(s);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int repeat = 0; repeat < 100; repeat++)
        {
            foreach (int s in samples)
            {
                window.Push(s);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
