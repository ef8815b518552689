using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety.Dsp;

namespace OpenAmi.Cli.Bench;

/// <summary>Cost per sample of the firmware earth-leakage DSP (host figures; the device is far slower, see docs/safety.md).</summary>
public static class RcmBench
{
    private const long Samples = 2_400_000;

    public static BenchReport Run()
    {
        var settings = new DetectorSettings();
        var sensor = new SimulatedSensor();
        // A sub-threshold AC stream (15 mA RMS, 0.5×IΔn) exercises every criterion without latching a trip.
        var stream = Precompute(new Waveform(WaveformKind.Ac, 15, settings.MainsHz, settings.SampleRateHz), sensor, settings.SamplesPerCycle * 25);
        var detector = new ResidualCurrentDetector(settings, sensor.Nominal);
        int next = 0;
        var perSample = Measure.Run(() =>
        {
            detector.Push(stream[next]);
            next = next + 1 == stream.Length ? 0 : next + 1;
        }, Samples, warmup: 10_000);

        var perBlock = Measure.Run(BlockJudging(), Samples / settings.SamplesPerCycle, warmup: 1000);

        string conditions = $"{settings.SampleRateHz} Hz, {settings.MainsHz} Hz mains, window {settings.SamplesPerCycle}, 15 mA AC stream";
        return new BenchReport("rcm",
        [
            new BenchRow("rcm", "detector ns per sample", perSample.NanosecondsPerOp, "ns", conditions),
            new BenchRow("rcm", "detector bytes allocated per sample", perSample.BytesPerOp, "B", conditions),
            new BenchRow("rcm", "detector samples per second (host)", perSample.OpsPerSecond, "1/s", conditions),
            new BenchRow("rcm", "block channel ns per one-cycle block", perBlock.NanosecondsPerOp, "ns", conditions),
            new BenchRow("rcm", "block channel bytes allocated per block", perBlock.BytesPerOp, "B", conditions),
        ]);
    }

    /// <summary>The block channel judging the next one-cycle block of the sub-threshold AC stream, per call.</summary>
    public static Action BlockJudging()
    {
        var settings = new DetectorSettings();
        var sensor = new SimulatedSensor();
        var stream = Precompute(new Waveform(WaveformKind.Ac, 15, settings.MainsHz, settings.SampleRateHz), sensor, settings.SamplesPerCycle * 25);
        var channel = new BlockTripChannel(settings, sensor.Nominal, SimulatedSensor.RailLow, SimulatedSensor.RailHigh);
        int block = settings.SamplesPerCycle;
        long span = 1_000_000 / settings.MainsHz;
        int start = 0;
        return () =>
        {
            channel.Judge(stream, start, block, span);
            start = start + block >= stream.Length ? 0 : start + block;
        };
    }

    private static int[] Precompute(Waveform waveform, SimulatedSensor sensor, int count)
    {
        var samples = new int[count];
        for (int i = 0; i < count; i++)
        {
            samples[i] = sensor.Read(waveform.At(i));
        }

        return samples;
    }
}
