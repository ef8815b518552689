using OpenAmi.Safety.Dsp;

namespace OpenAmi.Emulator.Rcm;

/// <summary>Outcome of one simulated onset: latency is from onset to the SSR-off command, null without a trip.</summary>
public sealed record RcmSimulationResult(bool Tripped, double? LatencyMs, TripCause Cause, WaveformClass TripClass, double DcMa, double AcMa);

/// <summary>
/// Runs the firmware detector on a simulated stream: PreRollCycles of zero current fill the window, then the waveform
/// starts at a sample instant (the onset) and runs for the duration. The detector keeps measuring after a trip, so
/// DcMa/AcMa are the last one-cycle window (the steady state of the waveform as the sensor saw it).
/// Latency counts the tripping sample plus one sample period: a real onset can fall just after the previous sample.
/// </summary>
public static class RcmSimulation
{
    public const int PreRollCycles = 2;

    public static RcmSimulationResult Run(Waveform waveform, DetectorSettings settings, SimulatedSensor sensor, double durationSeconds)
    {
        if (!(durationSeconds > 0) || durationSeconds > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(durationSeconds), "duration must be in (0, 60] s");
        }

        if (waveform.SampleRateHz != settings.SampleRateHz)
        {
            throw new ArgumentException("waveform and detector sample rates differ");
        }

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
}
