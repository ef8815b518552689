using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;

namespace OpenAmi.Emulator.Rcm
{
    /// <summary>
    /// The streaming trip decision over a uniform sample stream: the co-processor option (a part that samples
    /// continuously, outside the device build; docs/safety.md). The ESP32 cannot feed it and runs
    /// <see cref="BlockTripChannel"/> instead; `openami rcm simulate --detector streaming` runs this one. Criteria,
    /// evaluated on every sample in O(1) without allocation:
    /// <list type="bullet">
    /// <item>high-set: HighSetSamples consecutive samples with |i| ≥ HighSetMa (never blanked);</item>
    /// <item>AC: one-cycle AC RMS ≥ pickup while the window alternates (a unipolar window's AC part is the ripple of a
    /// DC or pulsating current, which the DC criterion covers: any unipolar window with RMS ≥ AC pickup and peak
    /// below high-set has mean ≥ RMS²/peak, far above the DC pickup);</item>
    /// <item>DC: |one-cycle mean| ≥ pickup for max(minimum time, K/(|DC|/pickup)) — inverse time with a definite
    /// minimum; it drops out (hysteresis) only below DropoutRatio × pickup.</item>
    /// </list>
    /// DC and AC wait for a full window and are blanked after closing (inrush). A trip latches until ClearTrip/Reset.
    /// </summary>
    public sealed class ResidualCurrentDetector
    {
        private readonly DetectorSettings _settings;
        private readonly CycleWindow _window;
        private readonly double _dcPickupMa;
        private readonly double _dcDropoutMa;
        private readonly double _acPickupSquared;
        private readonly int _dcMinimumSamples;
        private readonly double _dcInverseSamples;
        private readonly int _blankingSamples;
        private int _highSetRun;
        private bool _dcPickedUp;
        private long _dcPickupIndex;
        private int _blankingLeft;

        public ResidualCurrentDetector(DetectorSettings settings, Calibration calibration)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            settings.Validate();
            _settings = settings;
            _window = new CycleWindow(settings.SamplesPerCycle, settings.NoiseFloorMa, calibration);
            _dcPickupMa = settings.DcRatedMa * settings.PickupRatio;
            _dcDropoutMa = _dcPickupMa * settings.DropoutRatio;
            double acPickup = settings.AcRatedMa * settings.PickupRatio;
            _acPickupSquared = acPickup * acPickup;
            _dcMinimumSamples = settings.CyclesToSamples(settings.DcMinimumTimeCycles);
            _dcInverseSamples = settings.DcInverseTimeCycles * settings.SamplesPerCycle;
            _blankingSamples = settings.CyclesToSamples(settings.InrushBlankingCycles);
            ResetTrip();
        }

        public DetectorSettings Settings => _settings;

        public CycleWindow Window => _window;

        /// <summary>Index of the next sample to be pushed (samples since construction or Reset).</summary>
        public long SampleIndex { get; private set; }

        public TripCause Trip { get; private set; }

        public double TripMagnitudeMa { get; private set; }

        public WaveformClass TripClass { get; private set; }

        /// <summary>Index of the sample whose processing tripped.</summary>
        public long TripSampleIndex { get; private set; }

        /// <summary>Index of the sample at which the tripping criterion first picked up.</summary>
        public long PickupSampleIndex { get; private set; }

        public bool IsTripped => Trip != TripCause.None;

        public bool IsBlanking => _blankingLeft > 0;

        /// <summary>Leakage above a pickup (with hysteresis for DC) right now, whether or not a trip is latched.</summary>
        public bool LeakagePresent => _dcPickedUp || (_window.IsFull && _window.IsBipolar && _window.AcSquaredMa2 >= _acPickupSquared);

        public void Push(int counts)
        {
            _window.Push(counts);
            long index = SampleIndex;
            SampleIndex = index + 1;

            double ma = _window.LastMa;
            double magnitude = ma < 0 ? -ma : ma;
            _highSetRun = magnitude >= _settings.HighSetMa ? _highSetRun + 1 : 0;
            if (_highSetRun >= _settings.HighSetSamples)
            {
                Latch(TripCause.HighSet, magnitude, index, index - _settings.HighSetSamples + 1);
            }

            if (_blankingLeft > 0)
            {
                _blankingLeft--;
                _dcPickedUp = false;
                return;
            }

            if (!_window.IsFull)
            {
                return;
            }

            EvaluateDc(index);
            if (_window.IsBipolar && _window.AcSquaredMa2 >= _acPickupSquared)
            {
                Latch(TripCause.Ac, _window.AcRmsMa, index, index);
            }
        }

        /// <summary>Call when the SSR is commanded closed: low-level criteria rest for InrushBlankingCycles.</summary>
        public void BeginInrushBlanking()
        {
            _blankingLeft = _blankingSamples;
            _dcPickedUp = false;
        }

        /// <summary>Clears a latched trip; measurement continues.</summary>
        public void ResetTrip()
        {
            Trip = TripCause.None;
            TripMagnitudeMa = 0;
            TripClass = WaveformClass.None;
            TripSampleIndex = -1;
            PickupSampleIndex = -1;
        }

        /// <summary>Starts afresh: empty window, no trip, sample index 0.</summary>
        public void Reset()
        {
            _window.Clear();
            ResetTrip();
            SampleIndex = 0;
            _highSetRun = 0;
            _dcPickedUp = false;
            _blankingLeft = 0;
        }

        public void Recalibrate(Calibration calibration)
        {
            _window.Recalibrate(calibration);
            Reset();
        }

        private void EvaluateDc(long index)
        {
            double dc = _window.DcMa;
            double magnitude = dc < 0 ? -dc : dc;
            if (!_dcPickedUp)
            {
                if (magnitude < _dcPickupMa)
                {
                    return;
                }

                _dcPickedUp = true;
                _dcPickupIndex = index;
            }
            else if (magnitude < _dcDropoutMa)
            {
                _dcPickedUp = false;
                return;
            }

            long held = index - _dcPickupIndex + 1;
            // Inverse time without a division: held ≥ K·pickup/|DC|  ⇔  held·|DC| ≥ K·pickup.
            if (held >= _dcMinimumSamples && held * magnitude >= _dcInverseSamples * _dcPickupMa)
            {
                Latch(TripCause.Dc, magnitude, index, _dcPickupIndex);
            }
        }

        private void Latch(TripCause cause, double magnitudeMa, long index, long pickupIndex)
        {
            if (Trip != TripCause.None)
            {
                return;
            }

            Trip = cause;
            TripMagnitudeMa = magnitudeMa;
            TripSampleIndex = index;
            PickupSampleIndex = pickupIndex;
            TripClass = _window.Classify(_settings.HighFrequencyCrossings);
        }
    }
}
