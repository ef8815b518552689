using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;

namespace OpenAmi.Emulator.Rcm;

/// <summary>Outcome of one simulated onset: latency is from onset to the SSR-off command, null without a trip.</summary>
public sealed record RcmSimulationResult(bool Tripped, double? LatencyMs, TripCause Cause, WaveformClass TripClass, double DcMa, double AcMa);

/// <summary>
/// When the device judges one line's blocks: each capture of one mains cycle is judged <see cref="JudgeMs"/> after it
/// ends, and the next capture of the same line starts <see cref="GapMs"/> after it ends (G of docs/safety.md: the
/// other lines' rounds, this line's judging, a quantum of the other threads and a GC pause).
/// </summary>
public sealed record BlockSchedule(double JudgeMs, double GapMs);

/// <summary>
/// Runs a trip channel on a simulated stream whose waveform starts at a sample instant (the onset).
/// The block channel (<see cref="BlockTripChannel"/>, what the device runs) is judged block by block on the
/// device's schedule, for every position of the onset inside the first block (one per sample); the result is the
/// slowest position, and a trip only if every position trips. The streaming detector
/// (<see cref="ResidualCurrentDetector"/>, the co-processor option) gets PreRollCycles of zero current first, then
/// the waveform. Both keep measuring after a trip, so DcMa/AcMa are the last one-cycle window (the steady state of
/// the waveform as the sensor saw it).
/// </summary>
public static class RcmSimulation
{
    public const int PreRollCycles = 2;

    /// <summary>
    /// The block channel on the device's schedule. Latency is from the onset to the end of the tripping block's
    /// capture plus its judging.
    /// </summary>
    public static RcmSimulationResult RunBlocks(Waveform waveform, DetectorSettings settings, SimulatedSensor sensor, double durationSeconds, BlockSchedule schedule)
    {
        CheckRun(waveform, settings, durationSeconds);
        if (!(schedule.JudgeMs >= 0) || !(schedule.GapMs >= schedule.JudgeMs))
        {
            throw new ArgumentException("a block schedule needs judging ≥ 0 ms and a gap at least as long as the judging");
        }

        RcmSimulationResult? slowest = null;
        for (int onsetInBlock = 0; onsetInBlock < settings.SamplesPerCycle; onsetInBlock++)
        {
            var result = RunBlocksFrom(onsetInBlock, waveform, settings, sensor, durationSeconds, schedule);
            if (slowest == null || !result.Tripped || (slowest.Tripped && result.LatencyMs > slowest.LatencyMs))
            {
                slowest = result;
            }

            if (!result.Tripped)
            {
                break;
            }
        }

        return slowest!;
    }

    /// <summary>The streaming detector. Latency counts the tripping sample plus one sample period: a real onset can fall just after the previous sample.</summary>
    public static RcmSimulationResult RunStreaming(Waveform waveform, DetectorSettings settings, SimulatedSensor sensor, double durationSeconds)
    {
        CheckRun(waveform, settings, durationSeconds);
        var detector = new ResidualCurrentDetector(settings, sensor.Nominal);
        long onset = (long)PreRollCycles * settings.SamplesPerCycle;
        long total = onset + (long)Math.Ceiling(durationSeconds * settings.SampleRateHz);
        for (long i = 0; i < total; i++)
        {
            detector.Push(sensor.Read(i < onset ? 0 : waveform.At(i - onset)));
        }

        if (!detector.IsTripped)
        {
            return new RcmSimulationResult(false, null, TripCause.None, WaveformClass.None, detector.Window.DcMa, detector.Window.AcRmsMa);
        }

        if (detector.TripSampleIndex < onset)
        {
            throw new InvalidOperationException("the detector tripped on the zero-current pre-roll");
        }

        double latencyMs = (detector.TripSampleIndex - onset + 1) * 1000.0 / settings.SampleRateHz;
        return new RcmSimulationResult(true, latencyMs, detector.Trip, detector.TripClass, detector.Window.DcMa, detector.Window.AcRmsMa);
    }

    private static void CheckRun(Waveform waveform, DetectorSettings settings, double durationSeconds)
    {
        if (!(durationSeconds > 0) || durationSeconds > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), "duration must be in (0, 60] s");
        }

        if (waveform.SampleRateHz != settings.SampleRateHz)
        {
            throw new ArgumentException("waveform and detector sample rates differ");
        }
    }

    /// <summary>One run whose first block began <paramref name="onsetInBlock"/> samples before the onset.</summary>
    private static RcmSimulationResult RunBlocksFrom(int onsetInBlock, Waveform waveform, DetectorSettings settings, SimulatedSensor sensor, double durationSeconds, BlockSchedule schedule)
    {
        var channel = new BlockTripChannel(settings, sensor.Nominal, SimulatedSensor.RailLow, SimulatedSensor.RailHigh);
        int length = settings.SamplesPerCycle;
        double sampleMs = 1000.0 / settings.SampleRateHz;
        long spanMicroseconds = (long)Math.Round(length * sampleMs * 1000);
        double periodMs = (length * sampleMs) + schedule.GapMs;
        var block = new int[length];
        RcmSimulationResult? trip = null;
        for (double startMs = -onsetInBlock * sampleMs; startMs < durationSeconds * 1000; startMs += periodMs)
        {
            long first = (long)Math.Round(startMs / sampleMs);
            for (int k = 0; k < length; k++)
            {
                long i = first + k;
                block[k] = sensor.Read(i < 0 ? 0 : waveform.At(i));
            }

            // A whole block on a rail is over-range on an energised line: a high-set trip (BlockVerdict.StuckAtRail).
            BlockVerdict verdict = channel.Judge(block, 0, length, spanMicroseconds);
            if (trip == null && (verdict == BlockVerdict.Trip || verdict == BlockVerdict.StuckAtRail))
            {
                double latencyMs = ((first + length) * sampleMs) + schedule.JudgeMs;
                trip = new RcmSimulationResult(true, latencyMs, channel.LastCause, channel.LastClass, 0, 0);
            }
        }

        double dc = channel.Window.DcMa;
        double ac = channel.Window.AcRmsMa;
        return trip == null
            ? new RcmSimulationResult(false, null, TripCause.None, WaveformClass.None, dc, ac)
            : trip with { DcMa = dc, AcMa = ac };
    }
}
