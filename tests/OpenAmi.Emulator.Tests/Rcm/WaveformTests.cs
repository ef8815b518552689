using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;

namespace OpenAmi.Emulator.Tests.Rcm;

public class WaveformTests
{
    private static (double Mean, double Rms) OneCycle(Waveform w, int n)
    {
        double sum = 0, squares = 0;
        for (int k = 0; k < n; k++)
        {
            double x = w.At(k);
            sum += x;
            squares += x * x;
        }

        return (sum / n, Math.Sqrt(squares / n));
    }

    [Theory]
    // --ma is the mean for dc and the RMS otherwise; closed forms: phase cut at 90° has RMS = Ip/(2√2) (mean square
    // ∫_{π/2}^{π} sin²/2π = 1/8), at 135° mean square (π/8 − 1/4)/2π = 0.02271.
    [InlineData(WaveformKind.Ac, 30, 30 * 1.41421356)]
    [InlineData(WaveformKind.HalfWave, 30, 60)]
    [InlineData(WaveformKind.Phase90, 30, 30 * 2.82842712)]
    [InlineData(WaveformKind.Phase135, 30, 30 / 0.15069)]
    [InlineData(WaveformKind.AcDc, 30, 30)]
    public void PeakFollowsFromTheRms(WaveformKind kind, double rms, double expectedPeak)
    {
        // 48 000 samples per cycle: the phase-cut step costs at most Ip²·sin²α/(2n) of mean square (< 0.01 mA here).
        var w = new Waveform(kind, rms, 50, 2_400_000);
        Assert.Equal(expectedPeak, w.PeakMa, expectedPeak * 1e-4);
        Assert.Equal(rms, OneCycle(w, 48_000).Rms, 0.01);
    }

    [Fact]
    public void DcIsItsMeanAndAcDcSplitsItsPowerEvenly()
    {
        Assert.Equal(6, OneCycle(new Waveform(WaveformKind.Dc, 6, 50, 2400), 48).Mean, 1e-12);
        var acdc = OneCycle(new Waveform(WaveformKind.AcDc, 30, 50, 2400), 48);
        Assert.Equal(30 / Math.Sqrt(2), acdc.Mean, 1e-9);
    }

    [Fact]
    public void SensorQuantisesAroundMidScaleAndClipsAtTheRails()
    {
        var sensor = new SimulatedSensor();
        Assert.Equal(2048 + 82, sensor.Read(6));
        Assert.Equal(SimulatedSensor.RailHigh, sensor.Read(400));
        Assert.Equal(SimulatedSensor.RailLow, sensor.Read(-400));
        Assert.Equal(6.009, sensor.Nominal.ToMilliamps(sensor.Read(6)), 0.001);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(60)]
    public void RatedAcTripsWithin30MsAtEveryOnsetPhaseAndHalfRatedNever(int mains)
    {
        var settings = new DetectorSettings { MainsHz = mains };
        for (int phase = 0; phase < 360; phase += 15)
        {
            var at1 = RcmSimulation.RunStreaming(new Waveform(WaveformKind.Ac, 30, mains, 2400, phase), settings, new SimulatedSensor(), 0.2);
            Assert.True(at1.Tripped && at1.LatencyMs <= 30, $"{phase}°: {at1}");
            Assert.Equal(TripCause.Ac, at1.Cause);
            var half = RcmSimulation.RunStreaming(new Waveform(WaveformKind.Ac, 15, mains, 2400, phase), settings, new SimulatedSensor(), 0.5);
            Assert.False(half.Tripped, $"{phase}°: {half}");
        }
    }

    [Theory]
    [InlineData(WaveformKind.HalfWave)]
    [InlineData(WaveformKind.Phase90)]
    [InlineData(WaveformKind.Phase135)]
    [InlineData(WaveformKind.AcDc)]
    public void PulsatingAt1Point4TimesTripsWithin30MsAtEveryOnsetPhase(WaveformKind kind)
    {
        for (int phase = 0; phase < 360; phase += 15)
        {
            var r = RcmSimulation.RunStreaming(new Waveform(kind, 42, 50, 2400, phase), new DetectorSettings(), new SimulatedSensor(), 0.2);
            Assert.True(r.Tripped && r.LatencyMs <= 30, $"{kind} {phase}°: {r}");
        }
    }

    [Fact]
    public void NoisyHalfRatedDcWithOffsetRemovedDoesNotTripButRatedDoes()
    {
        // 0.3 mA RMS sensor noise (≈4 counts): the one-cycle mean averages it down by √48.
        var quiet = RcmSimulation.RunStreaming(new Waveform(WaveformKind.Dc, 3, 50, 2400), new DetectorSettings(), new SimulatedSensor(noiseRmsMa: 0.3), 2);
        Assert.False(quiet.Tripped);
        var rated = RcmSimulation.RunStreaming(new Waveform(WaveformKind.Dc, 6, 50, 2400), new DetectorSettings(), new SimulatedSensor(noiseRmsMa: 0.3), 1);
        Assert.True(rated.Tripped && rated.LatencyMs <= 30);
    }
}
