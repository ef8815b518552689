using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;

namespace OpenAmi.TestVectors
{
    /// <summary>One captured block (one mains cycle) of RCM converter counts and what the block channel must say of it.</summary>
    public sealed class RcmBlock
    {
        public RcmBlock(string name, int offsetCounts, int[] counts, BlockVerdict verdict, TripCause cause, double magnitudeMa, double toleranceMa)
        {
            Name = name;
            OffsetCounts = offsetCounts;
            Counts = counts;
            Verdict = verdict;
            Cause = cause;
            MagnitudeMa = magnitudeMa;
            ToleranceMa = toleranceMa;
        }

        public string Name { get; }

        /// <summary>The auto-zeroed offset of the calibration the block is judged with.</summary>
        public int OffsetCounts { get; }

        public int[] Counts { get; }

        public BlockVerdict Verdict { get; }

        public TripCause Cause { get; }

        /// <summary>The trip's magnitude (LastMagnitudeMa); 0 when the block does not trip.</summary>
        public double MagnitudeMa { get; }

        public double ToleranceMa { get; }
    }

    /// <summary>
    /// The device's block trip channel (OpenAmi.Safety.Dsp.BlockTripChannel) on synthesised blocks: 48 samples per 20 ms
    /// cycle, calibration 1/1024 mA per count (exact binary fractions, so thresholds are not at the mercy of
    /// rounding), converter rails at ±40 mA, high-set 39 mA, the other settings at their defaults (AC rated 30 mA, pickup
    /// 0.75). Each block is counts = round(1024 · i(k)) of the waveform i(k) named in its comment, k = 0..47; the verdicts
    /// are hand-derived from the trip criteria in docs/safety.md. No recorded waveform exists yet: the first board run
    /// adds captured blocks here (docs/bench-testing.md).
    /// </summary>
    public static class RcmVectors
    {
        public const int SamplesPerBlock = 48;
        public const long CycleMicroseconds = 20000;
        public const double CountsPerMa = 1024;
        public const double HighSetMa = 39;
        public const int RailLowCounts = -40 * 1024;
        public const int RailHighCounts = 40 * 1024;

        public static readonly RcmBlock[] Blocks =
        {
            // i(k) = 60 mA: every sample on the upper rail. Stuck at a rail, reported as a high-set of at least the rail's 40 mA.
            new RcmBlock("on the rail", 0, new[]
            {
                61440, 61440, 61440, 61440, 61440, 61440, 61440, 61440,
                61440, 61440, 61440, 61440, 61440, 61440, 61440, 61440,
                61440, 61440, 61440, 61440, 61440, 61440, 61440, 61440,
                61440, 61440, 61440, 61440, 61440, 61440, 61440, 61440,
                61440, 61440, 61440, 61440, 61440, 61440, 61440, 61440,
                61440, 61440, 61440, 61440, 61440, 61440, 61440, 61440,
            }, BlockVerdict.StuckAtRail, TripCause.HighSet, 40, 1e-9),

            // Auto-zero found a +15 mA offset (15360 counts), so the upper rail reads 40 − 15 = 25 mA, below the 39 mA
            // high-set. i(k) = 15 + 30 sin(2πk/48) mA clips on the upper rail only: still a high-set trip, at least 25 mA.
            new RcmBlock("clipped with offset", 15 * 1024, new[]
            {
                15360, 19370, 23311, 27116, 30720, 34061, 37082, 39732,
                41964, 43742, 45033, 45817, 46080, 45817, 45033, 43742,
                41964, 39732, 37082, 34061, 30720, 27116, 23311, 19370,
                15360, 11350, 7409, 3604, 0, -3341, -6362, -9012,
                -11244, -13022, -14313, -15097, -15360, -15097, -14313, -13022,
                -11244, -9012, -6362, -3341, 0, 3604, 7409, 11350,
            }, BlockVerdict.Trip, TripCause.HighSet, 25, 1e-9),

            // i(7) = 80 mA, 0 elsewhere: one rail sample is a spike, not a high-set (which needs two in a row).
            new RcmBlock("single spike", 0, new[]
            {
                0, 0, 0, 0, 0, 0, 0, 81920,
                0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0,
            }, BlockVerdict.Normal, TripCause.None, 0, 0),

            // i(k) = 25 √2 sin(2πk/48) mA: 25 mA RMS (peak 35.4 mA, under the high-set), above the 22.5 mA AC pickup.
            // An AC trip at the block's AC RMS.
            new RcmBlock("25 mA AC", 0, new[]
            {
                0, 4726, 9370, 13855, 18102, 22040, 25600, 28722,
                31353, 33448, 34970, 35894, 36204, 35894, 34970, 33448,
                31353, 28722, 25600, 22040, 18102, 13855, 9370, 4726,
                0, -4726, -9370, -13855, -18102, -22040, -25600, -28722,
                -31353, -33448, -34970, -35894, -36204, -35894, -34970, -33448,
                -31353, -28722, -25600, -22040, -18102, -13855, -9370, -4726,
            }, BlockVerdict.Trip, TripCause.Ac, 25, 1e-3),

            // i(k) = 15 √2 sin(2πk/48) mA: 15 mA RMS, below the AC pickup. No trip.
            new RcmBlock("15 mA AC", 0, new[]
            {
                0, 2835, 5622, 8313, 10861, 13224, 15360, 17233,
                18812, 20069, 20982, 21536, 21722, 21536, 20982, 20069,
                18812, 17233, 15360, 13224, 10861, 8313, 5622, 2835,
                0, -2835, -5622, -8313, -10861, -13224, -15360, -17233,
                -18812, -20069, -20982, -21536, -21722, -21536, -20982, -20069,
                -18812, -17233, -15360, -13224, -10861, -8313, -5622, -2835,
            }, BlockVerdict.Normal, TripCause.None, 0, 0),
        };
    }
}
