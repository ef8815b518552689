using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;

namespace OpenAmi.Safety
{
    /// <summary>Wire names of the safety enums (enum.ToString() gives numbers on the device).</summary>
    public static class SafetyNames
    {
        public static string Cause(TripCause cause)
        {
            switch (cause)
            {
                case TripCause.Dc: return "dc";
                case TripCause.Ac: return "ac";
                case TripCause.HighSet: return "highset";
                case TripCause.HardwareLatch: return "hardware_latch";
                default: return "none";
            }
        }

        public static string Class(WaveformClass waveform)
        {
            switch (waveform)
            {
                case WaveformClass.SmoothDc: return "smooth_dc";
                case WaveformClass.Ac: return "ac";
                case WaveformClass.HalfWave: return "half_wave";
                case WaveformClass.PhaseCut: return "phase_cut";
                case WaveformClass.AcDc: return "ac_dc";
                case WaveformClass.HighFrequency: return "hf";
                default: return "none";
            }
        }
    }
}
