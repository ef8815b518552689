using System;

namespace OpenAmi.Safety.Dsp
{
    /// <summary>
    /// One-mains-cycle sliding window over raw converter counts: O(1) work and no allocation per sample.
    /// Running integer sums Σx and Σx² give the mean (a whole-cycle mean nulls the mains and its harmonics), the
    /// total and AC RMS exactly, free of floating-point drift. Per-sample flags keep exact counts of positive,
    /// negative and near-zero samples and of zero crossings inside the window for classification. Min/max are kept
    /// per cycle block (current partial block and the previous whole one), so they cover the last one to two cycles.
    /// A converter with a usable range (rails) clips: a sample at or beyond a rail is held at the rail and flagged
    /// over-range, meaning "at least the rail value", never a reading to trust at face value.
    /// </summary>
    public sealed class CycleWindow
    {
        private const byte Positive = 1;
        private const byte Negative = 2;
        private const byte Crossing = 4;

        private readonly int _length;
        private readonly int[] _counts;
        private readonly byte[] _flags;
        private readonly double _noiseFloorMa;
        private readonly int _railLow;
        private readonly int _railHigh;
        private Calibration _calibration;
        private int _head;
        private int _filled;
        private long _sum;
        private long _sumOfSquares;
        private int _positive;
        private int _negative;
        private int _crossings;
        private int _crossState;
        private int _blockFill;
        private double _blockMin;
        private double _blockMax;
        private double _previousMin;
        private double _previousMax;
        private bool _hasPrevious;

        /// <summary>A window over an unbounded stream (no rails).</summary>
        public CycleWindow(int samplesPerCycle, double noiseFloorMa, Calibration calibration)
            : this(samplesPerCycle, noiseFloorMa, calibration, int.MinValue, int.MaxValue)
        {
        }

        /// <summary>A window over a converter whose usable range is [railLowCounts, railHighCounts].</summary>
        public CycleWindow(int samplesPerCycle, double noiseFloorMa, Calibration calibration, int railLowCounts, int railHighCounts)
        {
            if (railHighCounts <= railLowCounts)
            {
                throw new ArgumentException("rails must be ordered", "railHighCounts");
            }

            if (samplesPerCycle < 8)
            {
                throw new ArgumentException("a window needs at least 8 samples", "samplesPerCycle");
            }

            if (calibration == null)
            {
                throw new ArgumentNullException("calibration");
            }

            _length = samplesPerCycle;
            _counts = new int[samplesPerCycle];
            _flags = new byte[samplesPerCycle];
            _noiseFloorMa = noiseFloorMa;
            _railLow = railLowCounts;
            _railHigh = railHighCounts;
            _calibration = calibration;
            Clear();
        }

        public int Length => _length;

        public int Filled => _filled;

        public bool IsFull => _filled == _length;

        public Calibration Calibration => _calibration;

        /// <summary>The most recent sample in mA (the rail's value when it was over-range).</summary>
        public double LastMa { get; private set; }

        /// <summary>The most recent sample sat on a rail: the current was at least <see cref="LastMa"/> in magnitude.</summary>
        public bool LastOverRange { get; private set; }

        public double MeanCounts => _filled == 0 ? 0 : (double)_sum / _filled;

        public double DcMa => _filled == 0 ? 0 : (MeanCounts - _calibration.OffsetCounts) * _calibration.MilliampsPerCount;

        /// <summary>AC variance in mA²: (nΣx² − (Σx)²)/n², computed in integers so it is exact and offset-free.</summary>
        public double AcSquaredMa2
        {
            get
            {
                if (_filled == 0)
                {
                    return 0;
                }

                long n = _filled;
                double k = _calibration.MilliampsPerCount;
                return (double)(n * _sumOfSquares - _sum * _sum) / ((double)n * n) * k * k;
            }
        }

        public double AcRmsMa => Math.Sqrt(AcSquaredMa2);

        public double TotalRmsMa
        {
            get
            {
                var dc = DcMa;
                return Math.Sqrt(AcSquaredMa2 + dc * dc);
            }
        }

        public double MinMa => _hasPrevious && _previousMin < _blockMin ? _previousMin : _blockMin;

        public double MaxMa => _hasPrevious && _previousMax > _blockMax ? _previousMax : _blockMax;

        public int PositiveSamples => _positive;

        public int NegativeSamples => _negative;

        public int NearZeroSamples => _filled - _positive - _negative;

        public int Crossings => _crossings;

        /// <summary>The window alternates: it holds samples beyond the noise floor on both sides of zero.</summary>
        public bool IsBipolar => _positive > 0 && _negative > 0;

        public void Push(int counts)
        {
            bool overRange = counts <= _railLow || counts >= _railHigh;
            if (overRange)
            {
                counts = counts < _railLow ? _railLow : counts > _railHigh ? _railHigh : counts;
            }

            // Crossings are counted about the mean of the window before this sample.
            double reference = DcMa;
            if (_filled == _length)
            {
                int old = _counts[_head];
                _sum -= old;
                _sumOfSquares -= (long)old * old;
                byte oldFlags = _flags[_head];
                if ((oldFlags & Positive) != 0)
                {
                    _positive--;
                }

                if ((oldFlags & Negative) != 0)
                {
                    _negative--;
                }

                if ((oldFlags & Crossing) != 0)
                {
                    _crossings--;
                }
            }
            else
            {
                _filled++;
            }

            double ma = _calibration.ToMilliamps(counts);
            _counts[_head] = counts;
            _sum += counts;
            _sumOfSquares += (long)counts * counts;
            _flags[_head] = Classify(ma, ma - reference);
            _head = _head + 1 == _length ? 0 : _head + 1;
            LastMa = ma;
            LastOverRange = overRange;
            TrackExtremes(ma);
        }

        /// <summary>Empties the window (e.g. after a gap in sampling, or a new calibration).</summary>
        public void Clear()
        {
            _head = 0;
            _filled = 0;
            _sum = 0;
            _sumOfSquares = 0;
            _positive = 0;
            _negative = 0;
            _crossings = 0;
            _crossState = 0;
            _blockFill = 0;
            _blockMin = 0;
            _blockMax = 0;
            _hasPrevious = false;
            LastMa = 0;
            LastOverRange = false;
        }

        public void Recalibrate(Calibration calibration)
        {
            if (calibration == null)
            {
                throw new ArgumentNullException("calibration");
            }

            _calibration = calibration;
            Clear();
        }

        /// <summary>Waveform class of the current window (O(1)).</summary>
        public WaveformClass Classify(int highFrequencyCrossings)
        {
            double dc = DcMa;
            double acSquared = AcSquaredMa2;
            double totalSquared = acSquared + dc * dc;
            if (_filled == 0 || totalSquared < _noiseFloorMa * _noiseFloorMa)
            {
                return WaveformClass.None;
            }

            if (IsBipolar)
            {
                // |DC| ≤ 0.1 × AC RMS counts as pure AC (IEC 62423 calls a current with ≤10 % ripple "smooth"; the same
                // ratio the other way round).
                if (dc * dc * 100 <= acSquared)
                {
                    return _crossings >= highFrequencyCrossings ? WaveformClass.HighFrequency : WaveformClass.Ac;
                }

                return WaveformClass.AcDc;
            }

            if (NearZeroSamples == 0)
            {
                return WaveformClass.SmoothDc;
            }

            // Mean/RMS of a half-wave is (Ip/π)/(Ip/2) = 0.637; a 90° phase cut gives 0.45, 135° gives 0.31.
            return dc * dc >= 0.55 * 0.55 * totalSquared ? WaveformClass.HalfWave : WaveformClass.PhaseCut;
        }

        private byte Classify(double ma, double aboveMean)
        {
            byte flags = 0;
            if (ma >= _noiseFloorMa)
            {
                flags |= Positive;
                _positive++;
            }
            else if (ma <= -_noiseFloorMa)
            {
                flags |= Negative;
                _negative++;
            }

            if (aboveMean >= _noiseFloorMa)
            {
                if (_crossState < 0)
                {
                    flags |= Crossing;
                    _crossings++;
                }

                _crossState = 1;
            }
            else if (aboveMean <= -_noiseFloorMa)
            {
                if (_crossState > 0)
                {
                    flags |= Crossing;
                    _crossings++;
                }

                _crossState = -1;
            }

            return flags;
        }

        private void TrackExtremes(double ma)
        {
            if (_blockFill == 0 || ma < _blockMin)
            {
                _blockMin = ma;
            }

            if (_blockFill == 0 || ma > _blockMax)
            {
                _blockMax = ma;
            }

            _blockFill++;
            if (_blockFill == _length)
            {
                _previousMin = _blockMin;
                _previousMax = _blockMax;
                _hasPrevious = true;
                _blockFill = 0;
            }
        }
    }
}
