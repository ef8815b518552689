using System;
using OpenAmi.Safety.Events;

namespace OpenAmi.Safety.Dsp
{
    /// <summary>What one captured block told the firmware channel.</summary>
    public enum BlockVerdict
    {
        Normal = 0,
        Trip = 1,

        /// <summary>The block is short or its span is not one mains cycle (±10 %): its mean would not null the mains.</summary>
        MissingSamples = 2,

        /// <summary>
        /// Every sample sits on a converter rail: over-range for the whole block. On an energised line that is a residual
        /// current of at least the rail value (a high-set trip, see LastCause/LastMagnitudeMa); on a line commanded off
        /// before the block began no residual current can last a whole cycle, so it is a failed sensor or supply.
        /// </summary>
        StuckAtRail = 3,
    }

    /// <summary>
    /// The device's second, firmware trip channel. nanoFramework cannot sample continuously, so the device captures one
    /// mains cycle at a time (N samples back to back) whenever the scheduler runs the safety thread, and each block is
    /// judged as a whole window: high-set on consecutive samples, AC on the block's AC RMS, DC on the block mean of two
    /// consecutive blocks (a block that catches the first part of an AC onset can show a mean up to Ip/π once, never
    /// twice). Samples on a converter rail are over-range ("at least the rail value") and count towards the high-set
    /// whatever their calibrated value, so the high-set stays reachable when the auto-zeroed offset moves the rail.
    /// Worst-case latency is analysed in docs/safety.md.
    /// </summary>
    public sealed class BlockTripChannel
    {
        private readonly DetectorSettings _settings;
        private readonly CycleWindow _window;
        private readonly int _railLow;
        private readonly int _railHigh;
        private readonly double _dcPickupMa;
        private readonly double _dcDropoutMa;
        private readonly double _acPickupSquared;
        private readonly int _blankingBlocks;
        private bool _previousDcPickedUp;
        private int _blankedBlocksLeft;

        public BlockTripChannel(DetectorSettings settings, Calibration calibration, int railLowCounts, int railHighCounts)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            if (railHighCounts <= railLowCounts)
            {
                throw new ArgumentException("rails must be ordered", "railHighCounts");
            }

            _settings = settings;
            _window = new CycleWindow(settings.SamplesPerCycle, settings.NoiseFloorMa, calibration, railLowCounts, railHighCounts);
            _railLow = railLowCounts;
            _railHigh = railHighCounts;
            _dcPickupMa = settings.DcRatedMa * settings.PickupRatio;
            _dcDropoutMa = _dcPickupMa * settings.DropoutRatio;
            double acPickup = settings.AcRatedMa * settings.PickupRatio;
            _acPickupSquared = acPickup * acPickup;
            int blankingSamples = settings.CyclesToSamples(settings.InrushBlankingCycles);
            _blankingBlocks = (blankingSamples + settings.SamplesPerCycle - 1) / settings.SamplesPerCycle;
        }

        public int BlockLength => _settings.SamplesPerCycle;

        /// <summary>Measurements of the last judged block.</summary>
        public CycleWindow Window => _window;

        public TripCause LastCause { get; private set; }

        public double LastMagnitudeMa { get; private set; }

        public WaveformClass LastClass { get; private set; }

        public void Recalibrate(Calibration calibration)
        {
            _window.Recalibrate(calibration);
            _previousDcPickedUp = false;
        }

        /// <summary>Call when the SSR closes: the next blocks are judged on high-set only (inrush).</summary>
        public void BeginInrushBlanking()
        {
            _previousDcPickedUp = false;
            _blankedBlocksLeft = _blankingBlocks;
        }

        /// <summary>Judges one captured block of exactly one mains cycle.</summary>
        public BlockVerdict Judge(int[] buffer, int offset, int count, long elapsedMicroseconds)
        {
            LastCause = TripCause.None;
            LastMagnitudeMa = 0;
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentException("block outside buffer", "count");
            }

            var check = BlockCheck.Check(buffer, offset, count, elapsedMicroseconds, _settings, _railLow, _railHigh);
            if (check == BlockVerdict.MissingSamples)
            {
                _previousDcPickedUp = false;
                return check;
            }

            _window.Clear();
            int highSetRun = 0;
            double peak = 0;
            for (int i = offset; i < offset + count; i++)
            {
                _window.Push(buffer[i]);
                double ma = _window.LastMa;
                double magnitude = ma < 0 ? -ma : ma;
                highSetRun = magnitude >= _settings.HighSetMa || _window.LastOverRange ? highSetRun + 1 : 0;
                if (highSetRun >= _settings.HighSetSamples && magnitude > peak)
                {
                    peak = magnitude;
                }
            }

            double dc = _window.DcMa;
            double dcMagnitude = dc < 0 ? -dc : dc;
            bool dcPickedUp = dcMagnitude >= (_previousDcPickedUp ? _dcDropoutMa : _dcPickupMa);
            bool dcConfirmed = dcPickedUp && _previousDcPickedUp;
            _previousDcPickedUp = dcPickedUp;

            if (check == BlockVerdict.StuckAtRail)
            {
                // The caller decides between over-range (energised line) and a failed sensor (line already off).
                _previousDcPickedUp = false;
                Tripped(TripCause.HighSet, peak);
                return check;
            }

            if (peak > 0)
            {
                return Tripped(TripCause.HighSet, peak);
            }

            if (_blankedBlocksLeft > 0)
            {
                _blankedBlocksLeft--;
                _previousDcPickedUp = false;
                return BlockVerdict.Normal;
            }

            if (_window.IsBipolar && _window.AcSquaredMa2 >= _acPickupSquared)
            {
                return Tripped(TripCause.Ac, _window.AcRmsMa);
            }

            return dcConfirmed ? Tripped(TripCause.Dc, dcMagnitude) : BlockVerdict.Normal;
        }

        private BlockVerdict Tripped(TripCause cause, double magnitudeMa)
        {
            LastCause = cause;
            LastMagnitudeMa = magnitudeMa;
            LastClass = _window.Classify(_settings.HighFrequencyCrossings);
            return BlockVerdict.Trip;
        }
    }
}
