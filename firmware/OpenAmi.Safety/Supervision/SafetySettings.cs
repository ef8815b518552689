using System;
using OpenAmi.Safety.Dsp;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>Supervision, self-test and re-energise policy settings of one board (defaults from issue 7).</summary>
    public sealed class SafetySettings
    {
        public DetectorSettings Detector { get; set; } = new DetectorSettings();

        /// <summary>Datasheet calibration of the sensor; auto-zero replaces the offset.</summary>
        public Calibration NominalCalibration { get; set; } = new Calibration(2048, 150.0 / 2047);

        public int RailLowCounts { get; set; } = 0;

        public int RailHighCounts { get; set; } = 4095;

        /// <summary>Auto-zero refuses offsets further than this from the nominal one.</summary>
        public double OffsetLimitMa { get; set; } = 10.0;

        /// <summary>RMS the test winding should produce; measured value must lie within ±SelfTestTolerance.</summary>
        public double SelfTestExpectedMa { get; set; } = 10.0;

        public double SelfTestTolerance { get; set; } = 0.2;

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
                || !(SelfTestTolerance > 0 && SelfTestTolerance < 1) || SelfTestTripWindowMs <= 0 || ProbeMs <= 0
                || MaxAttempts < 1 || AttemptWindowSeconds <= 0 || WeldDebounceMs < 0 || LocalResetHoldMs <= 0 || DailySelfTestMs <= 0)
            {
                throw new ArgumentException("inconsistent safety settings", "settings");
            }
        }
    }
}
