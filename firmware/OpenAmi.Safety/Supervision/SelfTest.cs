using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>Outcome of a self-test: Passed, or the fault and the offending measurement.</summary>
    public sealed class SelfTestResult
    {
        internal SelfTestResult(bool passed, FaultKind fault, double measured, Calibration calibration)
        {
            Passed = passed;
            Fault = fault;
            Measured = measured;
            Calibration = calibration;
        }

        public bool Passed { get; }

        public FaultKind Fault { get; }

        public double Measured { get; }

        /// <summary>The auto-zeroed calibration (set when auto-zero succeeded).</summary>
        public Calibration Calibration { get; }
    }

    /// <summary>
    /// Proves one line's protection with its SSR open: wait for a dead line, auto-zero, latch clear, test current → the
    /// hardware latch must set within its window and the sampled value must be within ±tolerance of the expected test
    /// current, then the latch must reset. Synchronous and bounded (the dead-line wait, at most WeldDebounceMs, plus about
    /// four cycles and the trip window).
    /// </summary>
    internal sealed class SelfTest
    {
        private const int PollMs = 2;
        private readonly SafetySettings _settings;
        private readonly LinePorts _ports;
        private readonly ISafetyClock _clock;
        private readonly int[] _block;

        public SelfTest(SafetySettings settings, LinePorts ports, ISafetyClock clock)
        {
            _settings = settings;
            _ports = ports;
            _clock = clock;
            _block = new int[settings.Detector.SamplesPerCycle];
        }

        public SelfTestResult Run()
        {
            _ports.TestOutput.SetTestCurrent(false);
            long sinceOffMs;
            if (!OpenAndWaitForDeadLine(out sinceOffMs))
            {
                // Still live: an offset measured now would absorb the line's leakage. Never auto-zero a live line.
                return Fail(FaultKind.SsrWelded, sinceOffMs);
            }

            if (_ports.TripInputs.ModuleError)
            {
                return Fail(FaultKind.ModuleError, 0);
            }

            var window = new CycleWindow(_block.Length, _settings.Detector.NoiseFloorMa, _settings.NominalCalibration, _settings.RailLowCounts, _settings.RailHighCounts);
            FaultKind captureFault;
            if (!Capture(window, out captureFault))
            {
                return Fail(captureFault, 0);
            }

            var nominal = _settings.NominalCalibration;
            double offsetErrorMa = (window.MeanCounts - nominal.OffsetCounts) * nominal.MilliampsPerCount;
            if ((offsetErrorMa < 0 ? -offsetErrorMa : offsetErrorMa) > _settings.OffsetLimitMa)
            {
                return Fail(FaultKind.OffsetOutOfRange, offsetErrorMa);
            }

            var calibration = nominal.WithOffset(window.MeanCounts);
            if (!ClearLatch())
            {
                return Fail(FaultKind.LatchStuck, 0);
            }

            _ports.TestOutput.SetTestCurrent(true);
            long start = _clock.MonotonicMilliseconds;
            long elapsed = 0;
            while (!_ports.TripInputs.LatchSet && elapsed <= _settings.SelfTestTripWindowMs)
            {
                _clock.Sleep(PollMs);
                elapsed = _clock.MonotonicMilliseconds - start;
            }

            bool tripped = _ports.TripInputs.LatchSet;
            window.Recalibrate(calibration);
            bool captured = Capture(window, out captureFault);
            _ports.TestOutput.SetTestCurrent(false);
            if (!tripped)
            {
                return Fail(FaultKind.SelfTestNoTrip, elapsed);
            }

            if (!captured)
            {
                return Fail(captureFault, 0);
            }

            double measured = window.TotalRmsMa;
            double deviation = measured - _settings.SelfTestExpectedMa;
            if ((deviation < 0 ? -deviation : deviation) > _settings.SelfTestExpectedMa * _settings.SelfTestTolerance)
            {
                return Fail(FaultKind.SelfTestValue, measured);
            }

            // One cycle for the sensor and comparators to settle before the latch may be reset.
            _clock.Sleep(_settings.Detector.CycleMilliseconds);
            if (!ClearLatch())
            {
                return Fail(FaultKind.LatchStuck, 0);
            }

            return new SelfTestResult(true, 0, measured, calibration);
        }

        /// <summary>
        /// Commands the SSR off and waits until the line has really stopped conducting: a zero-cross SSR conducts until the
        /// next load-current zero (up to half a cycle), so at least one whole mains cycle, and then until the load-side sense
        /// reports no voltage (its filter releases ≈ 76 ms after the line dies). False when the sense is still asserted
        /// WeldDebounceMs after the command: the SSR is welded.
        /// </summary>
        internal bool OpenAndWaitForDeadLine(out long sinceOffMs)
        {
            _ports.Switch.SetOn(false);
            long start = _clock.MonotonicMilliseconds;
            _clock.Sleep(_settings.Detector.CycleMilliseconds);
            sinceOffMs = _clock.MonotonicMilliseconds - start;
            while (_ports.LoadVoltage.VoltagePresent)
            {
                if (sinceOffMs >= _settings.WeldDebounceMs)
                {
                    return false;
                }

                _clock.Sleep(PollMs);
                sinceOffMs = _clock.MonotonicMilliseconds - start;
            }

            return true;
        }

        private bool ClearLatch()
        {
            if (_ports.TripInputs.LatchSet)
            {
                _ports.Switch.PulseLatchReset();
            }

            return !_ports.TripInputs.LatchSet;
        }

        private bool Capture(CycleWindow window, out FaultKind fault)
        {
            long elapsedUs;
            int count = _ports.Samples.Capture(_block, 0, _block.Length, out elapsedUs);
            var check = BlockCheck.Check(_block, 0, count, elapsedUs, _settings.Detector, _settings.RailLowCounts, _settings.RailHighCounts);
            fault = check == BlockVerdict.StuckAtRail ? FaultKind.SensorStuck : FaultKind.MissingSamples;
            if (check != BlockVerdict.Normal)
            {
                return false;
            }

            window.Clear();
            for (int i = 0; i < count; i++)
            {
                window.Push(_block[i]);
            }

            return true;
        }

        private SelfTestResult Fail(FaultKind fault, double measured)
        {
            _ports.TestOutput.SetTestCurrent(false);
            return new SelfTestResult(false, fault, measured, null);
        }
    }
}
