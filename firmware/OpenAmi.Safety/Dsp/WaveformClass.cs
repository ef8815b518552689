using OpenAmi.Safety.Events;

namespace OpenAmi.Safety.Dsp
{
    /// <summary>Residual-current waveform classes of IEC 62423 / IEC 61008 Type A and B test currents.</summary>
    public enum WaveformClass
    {
        None = 0,
        SmoothDc = 1,
        Ac = 2,
        HalfWave = 3,
        PhaseCut = 4,
        AcDc = 5,
        HighFrequency = 6,
    }

    /// <summary>Which criterion opened the line.</summary>
    public enum TripCause
    {
        None = 0,

        /// <summary>The one-cycle mean stayed above the DC pickup for its (inverse, definite-minimum) time.</summary>
        Dc = 1,

        /// <summary>The one-cycle AC RMS of an alternating (bipolar) window reached the AC pickup.</summary>
        Ac = 2,

        /// <summary>Consecutive instantaneous samples at or above the high-set level (never blanked).</summary>
        HighSet = 3,

        /// <summary>The board's hardware latch (the 40 ms path) tripped.</summary>
        HardwareLatch = 4,
    }
}
