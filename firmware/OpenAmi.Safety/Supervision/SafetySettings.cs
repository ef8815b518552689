using System;
using OpenAmi.Safety.Board;
using OpenAmi.Safety.Dsp;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>
    /// Supervision, self-test and re-energise policy settings of one board: policy defaults from issue 7, front-end
    /// defaults (calibration, usable range, high-set, test current) from <see cref="PoleBoardRcm"/>.
    /// </summary>
    public sealed class SafetySettings
    {
        public DetectorSettings Detector { get; set; } = new DetectorSettings { HighSetMa = PoleBoardRcm.HighSetMa };

        /// <summary>Datasheet calibration of the sensor; auto-zero replaces the offset.</summary>
        public Calibration NominalCalibration { get; set; } = PoleBoardRcm.NominalCalibration;

        /// <summary>Usable range of the converter: a sample at or beyond a rail is over-range (at least the rail's value).</summary>
        public int RailLowCounts { get; set; } = PoleBoardRcm.UsableLowCounts;

        public int RailHighCounts { get; set; } = PoleBoardRcm.UsableHighCounts;

        /// <summary>Auto-zero refuses offsets further than this from the nominal one.</summary>
        public double OffsetLimitMa { get; set; } = 10.0;

        /// <summary>RMS the test winding should produce; measured value must lie within ±SelfTestTolerance.</summary>
        public double SelfTestExpectedMa { get; set; } = PoleBoardRcm.TestCurrentMa;

        public double SelfTestTolerance { get; set; } = 0.2;

        /// <summary>Current of the line's test loop (mA, smooth DC per direction).</summary>
        public double TestLoopMa { get; set; } = PoleBoardRcm.TestLoopMa;

        /// <summary>Accepted end-to-end gain, as a ratio to the nominal calibration: outside it the line is refused.</summary>
        public double GainLowRatio { get; set; } = PoleBoardRcm.GainLowRatio;

        public double GainHighRatio { get; set; } = PoleBoardRcm.GainHighRatio;

        /// <summary>The hardware latch must set within this time of the test current (detection ≤ 20 ms plus margin).</summary>
        public int SelfTestTripWindowMs { get; set; } = 40;

        public long DailySelfTestMs { get; set; } = 24L * 3600 * 1000;

        /// <summary>Bounded probe re-closure: the line must hold this long without a re-trip to count as on.</summary>
        public int ProbeMs { get; set; } = 1000;

        public int MaxAttempts { get; set; } = 3;

        public long AttemptWindowSeconds { get; set; } = 24L * 3600;

        /// <summary>Load-side voltage this long after the off command means a welded SSR (zero-cross turn-off ≤ 10 ms).</summary>
        public int WeldDebounceMs { get; set; } = 200;

        public int LocalResetHoldMs { get; set; } = 3000;

        public void Validate()
        {
            Detector.Validate();
            if (NominalCalibration == null || RailHighCounts <= RailLowCounts || !(OffsetLimitMa > 0) || !(SelfTestExpectedMa > 0)
                || !(SelfTestTolerance > 0 && SelfTestTolerance < 1) || !(TestLoopMa > 0) || !(GainLowRatio > 0 && GainLowRatio < 1 && GainHighRatio > 1) || SelfTestTripWindowMs <= 0 || ProbeMs <= 0
                || MaxAttempts < 1 || AttemptWindowSeconds <= 0 || WeldDebounceMs < 0 || LocalResetHoldMs <= 0 || DailySelfTestMs <= 0)
            {
                throw new ArgumentException("inconsistent safety settings", "settings");
            }

            // The high-set must be reachable: both rails (at the nominal offset) must lie at or beyond it, and so must the
            // test currents at the highest accepted gain, or a healthy self-test would read over-range.
            double lowRailMa = -NominalCalibration.ToMilliamps(RailLowCounts);
            double highRailMa = NominalCalibration.ToMilliamps(RailHighCounts);
            double reach = lowRailMa < highRailMa ? lowRailMa : highRailMa;
            if (Detector.HighSetMa > reach || SelfTestExpectedMa * (1 + SelfTestTolerance) >= reach || TestLoopMa * GainHighRatio >= reach)
            {
                throw new ArgumentException("high-set and test current must lie inside the converter's usable range", "Detector");
            }
        }
    }
}
