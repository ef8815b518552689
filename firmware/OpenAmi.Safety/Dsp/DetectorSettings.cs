using System;

namespace OpenAmi.Safety.Dsp
{
    /// <summary>
    /// Thresholds and timing of the firmware detector. Rated values are the project's IΔn (6 mA smooth DC, 30 mA AC);
    /// the detector picks up below them (PickupRatio) so that 1×IΔn always trips and 0.5×IΔn never does, with margin
    /// for calibration error. Times are in mains cycles so that 50 Hz and 60 Hz behave alike.
    /// </summary>
    public sealed class DetectorSettings
    {
        public int SampleRateHz { get; set; } = 2400;

        public int MainsHz { get; set; } = 50;

        public double DcRatedMa { get; set; } = 6.0;

        public double AcRatedMa { get; set; } = 30.0;

        /// <summary>Pickup as a fraction of the rated value (0.75: halfway between the 0.5× no-trip and 1× trip limits).</summary>
        public double PickupRatio { get; set; } = 0.75;

        /// <summary>Hysteresis: a picked-up criterion drops out only below this fraction of its pickup.</summary>
        public double DropoutRatio { get; set; } = 0.9;

        /// <summary>
        /// Definite minimum time of the DC criterion. A window holding part of a sine has a mean of up to Ip/π, and that
        /// mean exceeds the pickup for less than 0.6 cycle when the sine is below the AC pickup, so a DC trip must wait
        /// this long or AC onset would be mistaken for DC.
        /// </summary>
        public double DcMinimumTimeCycles { get; set; } = 0.6;

        /// <summary>Inverse-time constant of the DC criterion: required time = max(minimum, K / (|DC| / pickup)).</summary>
        public double DcInverseTimeCycles { get; set; } = 0.8;

        /// <summary>Instantaneous level (mA) that trips after HighSetSamples consecutive samples; below the sensor's ±150 mA range.</summary>
        public double HighSetMa { get; set; } = 100.0;

        public int HighSetSamples { get; set; } = 2;

        /// <summary>After the SSR closes the DC and AC criteria are suppressed this long (Y-capacitor inrush); high-set stays armed.</summary>
        public double InrushBlankingCycles { get; set; } = 1.0;

        /// <summary>Samples within ±NoiseFloorMa count as zero when telling pulsating from smooth DC and AC from DC.</summary>
        public double NoiseFloorMa { get; set; } = 1.0;

        /// <summary>Zero crossings per window from which a bipolar window counts as high-frequency (mains gives 2).</summary>
        public int HighFrequencyCrossings { get; set; } = 6;

        public int SamplesPerCycle => SampleRateHz / MainsHz;

        /// <summary>One mains cycle in whole milliseconds, rounded up (20 at 50 Hz, 17 at 60 Hz): waits never fall short of it.</summary>
        public int CycleMilliseconds => (1000 + MainsHz - 1) / MainsHz;

        public int CyclesToSamples(double cycles)
        {
            var samples = cycles * SamplesPerCycle;
            var whole = (int)samples;
            return whole < samples ? whole + 1 : whole;
        }

        /// <summary>Throws ArgumentException naming the first inconsistent setting.</summary>
        public void Validate()
        {
            if (MainsHz != 50 && MainsHz != 60)
            {
                throw new ArgumentException("mains must be 50 or 60 Hz", "MainsHz");
            }

            if (SampleRateHz <= 0 || SampleRateHz % MainsHz != 0 || SampleRateHz / MainsHz < 8)
            {
                throw new ArgumentException("sample rate must be a whole multiple of the mains frequency with at least 8 samples per cycle", "SampleRateHz");
            }

            RequirePositive(DcRatedMa, "DcRatedMa");
            RequirePositive(AcRatedMa, "AcRatedMa");
            RequirePositive(HighSetMa, "HighSetMa");
            RequirePositive(NoiseFloorMa, "NoiseFloorMa");
            if (!(PickupRatio > 0.5 && PickupRatio < 1.0))
            {
                throw new ArgumentException("pickup ratio must lie between the 0.5× no-trip and 1× trip limits", "PickupRatio");
            }

            if (!(DropoutRatio > 0.5 && DropoutRatio <= 1.0))
            {
                throw new ArgumentException("dropout ratio must be in (0.5, 1]", "DropoutRatio");
            }

            if (DcMinimumTimeCycles < 0 || DcInverseTimeCycles < 0 || InrushBlankingCycles < 0)
            {
                throw new ArgumentException("times must not be negative", "DcMinimumTimeCycles");
            }

            if (HighSetSamples < 1 || HighFrequencyCrossings < 3)
            {
                throw new ArgumentException("high-set needs at least one sample and HF at least 3 crossings", "HighSetSamples");
            }
        }

        private static void RequirePositive(double value, string name)
        {
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ArgumentException(name + " must be positive", name);
            }
        }
    }
}
