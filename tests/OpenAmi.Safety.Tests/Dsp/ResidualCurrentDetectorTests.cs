using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;

namespace OpenAmi.Safety.Tests.Dsp;

/// <summary>
/// Trip decisions on hand-computed streams at 2400 Hz. Defaults: IΔn 6 mA DC / 30 mA AC, pickup 0.75 (4.5 / 22.5 mA),
/// DC minimum time ⌈0.6·48⌉ = 29 samples, inverse time held·|DC| ≥ 0.8·48·4.5 = 172.8 sample·mA.
/// Latency = (trip index − onset + 1)/2.4 kHz (docs/safety.md).
/// </summary>
public class ResidualCurrentDetectorTests
{
    private const int N = 48;

    private static double LatencyMs(ResidualCurrentDetector d, long onset) => (d.TripSampleIndex - onset + 1) / 2.4;

    [Theory]
    // DC step of I: the window mean I·j/48 reaches 4.5 mA at sample j₀ = ⌈4.5·48/I⌉; the trip comes at the first j with
    // held = j − j₀ + 1 ≥ 29 and held·mean(j) ≥ 172.8. Hand-computed: 6 mA → j₀ = 36, j = 64 (26.67 ms);
    // 12 mA → j₀ = 18, j = 46 (19.17 ms); 30 mA → j₀ = 8, j = 36 (15 ms).
    [InlineData(6.0, 64)]
    [InlineData(12.0, 46)]
    [InlineData(30.0, 36)]
    public void SmoothDcStepTripsAtTheHandComputedSample(double ma, int expectedSample)
    {
        var detector = Samples.Detector();
        long onset = Samples.Feed(detector, 2 * N, 200, _ => ma);
        Assert.Equal(TripCause.Dc, detector.Trip);
        Assert.Equal(onset + expectedSample - 1, detector.TripSampleIndex);
        Assert.True(LatencyMs(detector, onset) <= 30);
        // The class is that of the window at the trip: only a trip after a whole cycle of fault sees pure DC; earlier
        // windows still hold pre-onset zeros and look pulsating (docs/safety.md, "classes at trip time").
        Assert.Equal(expectedSample > N ? WaveformClass.SmoothDc : WaveformClass.HalfWave, detector.TripClass);
    }

    [Fact]
    public void SixtyHertzDcStepTripsSoonerBecauseTheCycleIsShorter()
    {
        // 40 samples/cycle: j₀ = ⌈4.5·40/6⌉ = 30, minimum ⌈0.6·40⌉ = 24, inverse 0.8·40·4.5 = 144 → held 24 at 6 mA → j = 53.
        var detector = Samples.Detector(new DetectorSettings { MainsHz = 60 });
        long onset = Samples.Feed(detector, 80, 200, _ => 6.0);
        Assert.Equal(onset + 52, detector.TripSampleIndex);
    }

    [Fact]
    public void InverseTimeHoldsLongerJustAbovePickup()
    {
        // 4.6 mA: picks up at j₀ = ⌈4.5·48/4.6⌉ = 47, then needs held·4.6 ≥ 172.8 → held ≥ 38 (not the 29 minimum) → j = 84.
        var detector = Samples.Detector();
        long onset = Samples.Feed(detector, 2 * N, 200, _ => 4.6);
        Assert.Equal(TripCause.Dc, detector.Trip);
        Assert.Equal(onset + 83, detector.TripSampleIndex);
    }

    [Theory]
    [InlineData(3.0)]  // 0.5×IΔn
    [InlineData(4.4)]  // just below pickup
    public void DcBelowPickupNeverTrips(double ma)
    {
        var detector = Samples.Detector();
        Samples.Feed(detector, 2 * N, 2400, _ => ma);
        Assert.False(detector.IsTripped);
        Assert.False(detector.LeakagePresent);
    }

    [Fact]
    public void HysteresisKeepsTheDcTimerRunningBetweenDropoutAndPickup()
    {
        // 4.6 mA until 12 samples after pickup (j = 59), then 4.2 mA: the mean slides to 4.2, between dropout 4.05 and
        // pickup 4.5. With hysteresis the timer keeps running and trips; without (dropout = pickup) it never trips.
        Func<int, double> stream = k => k < 59 ? 4.6 : 4.2;
        var withHysteresis = Samples.Detector();
        Samples.Feed(withHysteresis, 2 * N, 2400, stream);
        Assert.Equal(TripCause.Dc, withHysteresis.Trip);

        var without = Samples.Detector(new DetectorSettings { DropoutRatio = 1.0 });
        Samples.Feed(without, 2 * N, 2400, stream);
        Assert.False(without.IsTripped);
    }

    [Fact]
    public void SubThresholdAcOnsetNeverLooksLikeDcAtAnyPhase()
    {
        // 15 mA AC (0.5×): a partly filled window has a mean up to Ip/π = 6.75 mA > 4.5 mA, but for less than the
        // 29-sample minimum time (the mean stays ≥ 4.05 mA from 109.5° to 258.5°, 20 samples).
        for (int phase = 0; phase < 360; phase += 5)
        {
            var detector = Samples.Detector();
            Samples.Feed(detector, 2 * N, 10 * N, k => Samples.Sine(15, k, N, phase));
            Assert.False(detector.IsTripped, $"tripped at onset phase {phase}°");
        }
    }

    [Fact]
    public void AcAtRatedCurrentTripsOnTheAcCriterionAtEveryPhaseWithin30Ms()
    {
        for (int phase = 0; phase < 360; phase += 5)
        {
            var detector = Samples.Detector();
            long onset = Samples.Feed(detector, 2 * N, 4 * N, k => Samples.Sine(30, k, N, phase));
            Assert.Equal(TripCause.Ac, detector.Trip);
            Assert.True(LatencyMs(detector, onset) <= 30, $"{LatencyMs(detector, onset)} ms at {phase}°");
        }
    }

    [Fact]
    public void HighSetTripsOnTwoConsecutiveSamplesButNotOnASingleSpike()
    {
        var spike = Samples.Detector();
        Samples.Feed(spike, 2 * N, 4 * N, k => k == 10 ? 140 : 0);
        Assert.False(spike.IsTripped);

        var sustained = Samples.Detector();
        long onset = Samples.Feed(sustained, 2 * N, 4 * N, k => k >= 10 ? 120 : 0);
        Assert.Equal(TripCause.HighSet, sustained.Trip);
        Assert.Equal(onset + 11, sustained.TripSampleIndex);
        Assert.Equal(120, sustained.TripMagnitudeMa, 0.001);
    }

    [Fact]
    public void InrushBlankingSuppressesDcAndAcForOneCycleButNotHighSet()
    {
        // 30 mA DC from the closing instant: without blanking the DC trip comes at j = 36 (see above). With one cycle
        // (48 samples) of blanking the timer may start only at j = 49, so the trip comes at j = 49 + 28 = 77.
        var blanked = Samples.Detector();
        Samples.Feed(blanked, 2 * N, 0, _ => 0);
        blanked.BeginInrushBlanking();
        Assert.True(blanked.IsBlanking);
        long onset = Samples.Feed(blanked, 0, 200, _ => 30.0);
        Assert.Equal(TripCause.Dc, blanked.Trip);
        Assert.Equal(onset + 76, blanked.TripSampleIndex);

        var highSet = Samples.Detector();
        Samples.Feed(highSet, 2 * N, 0, _ => 0);
        highSet.BeginInrushBlanking();
        long start = Samples.Feed(highSet, 0, 10, _ => 110.0);
        Assert.Equal(TripCause.HighSet, highSet.Trip);
        Assert.Equal(start + 1, highSet.TripSampleIndex);
    }

    [Fact]
    public void TripLatchesUntilClearedAndResetStartsAfresh()
    {
        var detector = Samples.Detector();
        Samples.Feed(detector, 2 * N, 200, _ => 30.0);
        Assert.True(detector.IsTripped);
        Samples.Feed(detector, 0, 5 * N, _ => 0);
        Assert.True(detector.IsTripped); // the current went away; the trip stays latched
        Assert.False(detector.LeakagePresent);
        detector.ResetTrip();
        Assert.False(detector.IsTripped);
        detector.Reset();
        Assert.Equal(0, detector.SampleIndex);
        Assert.Equal(0, detector.Window.Filled);
    }

    [Fact]
    public void PushAllocatesNothingPerSample()
    {
        var detector = Samples.Detector();
        var stream = Enumerable.Range(0, 10 * N).Select(k => Samples.Counts(Samples.Sine(15, k, N) + 2)).ToArray();
        foreach (int s in stream)
        {
            detector.Push(s);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int repeat = 0; repeat < 200; repeat++)
        {
            foreach (int s in stream)
            {
                detector.Push(s);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.False(detector.IsTripped);
    }

    [Theory]
    [InlineData(2401, 50)]
    [InlineData(2400, 55)]
    [InlineData(200, 50)]
    public void InconsistentSettingsAreRejected(int sampleRate, int mains)
    {
        var settings = new DetectorSettings { SampleRateHz = sampleRate, MainsHz = mains };
        Assert.Throws<ArgumentException>(() => new ResidualCurrentDetector(settings, Samples.Fine));
    }
}
