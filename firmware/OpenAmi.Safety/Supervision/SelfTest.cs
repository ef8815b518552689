using OpenAmi.Platform;
using OpenAmi.Safety.Board;
using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>Outcome of a self-test: Passed, or the fault and the offending measurement.</summary>
    public sealed class SelfTestResult
    {
        internal SelfTestResult(bool passed, FaultKind fault, double measured, Calibration calibration, double gainMvPerMa, double offsetMa)
        {
            Passed = passed;
            Fault = fault;
            Measured = measured;
            Calibration = calibration;
            GainMvPerMa = gainMvPerMa;
            OffsetMa = offsetMa;
        }

        public bool Passed { get; }

        public FaultKind Fault { get; }

        public double Measured { get; }

        /// <summary>The calibration for the firmware channel: measured offset, and the measured slope where the line has a test loop.</summary>
        public Calibration Calibration { get; }

        /// <summary>Sensitivity measured with the test loop (mV/mA at the sensor), 0 when the line has none.</summary>
        public double GainMvPerMa { get; }

        /// <summary>Zero-current reading against the nominal offset (mA at the measured gain).</summary>
        public double OffsetMa { get; }
    }

    /// <summary>
    /// Proves one line's protection with its SSR open: wait for a dead line, auto-zero, latch clear; where the line has a
    /// test loop, its known current forward (the hardware latch must set within its window) and reverse gives the
    /// end-to-end gain, which must lie inside the accepted window and becomes the firmware channel's slope; then the
    /// sensor's test winding (the latch must set, the sampled value within ±tolerance of its expected current), then the
    /// latch must reset. Synchronous and bounded (the dead-line wait, at most WeldDebounceMs, plus a few cycles and the
    /// trip windows).
    /// </summary>
    internal sealed class SelfTest
    {
        private const int PollMs = 2;

        /// <summary>The sensor's step response to within 0.1 %: ≈ 7 τ of its 1 ms (to 90 %) first-order response, with margin for slower parts.</summary>
        private const int SensorSettleMs = 10;
        private readonly SafetySettings _settings;
        private readonly LinePorts _ports;
        private readonly IMonotonicClock _clock;
        private readonly IDelay _delay;
        private readonly int[] _block;

        /// <param name="block">The line's capture block, shared with its guard: a self-test and the guard's judging never run at once on a line.</param>
        public SelfTest(SafetySettings settings, LinePorts ports, IMonotonicClock clock, IDelay delay, int[] block)
        {
            _settings = settings;
            _ports = ports;
            _clock = clock;
            _delay = delay;
            _block = block;
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

            double gainMvPerMa = 0;
            if (_ports.TestLoop != null)
            {
                FaultKind loopFault;
                double loopMeasured;
                if (!MeasureGain(window, ref calibration, out loopFault, out loopMeasured))
                {
                    return Fail(loopFault, loopMeasured);
                }

                gainMvPerMa = PoleBoardRcm.DesignSensorMvPerMa * nominal.MilliampsPerCount / calibration.MilliampsPerCount;
                if (!SettleAndClearLatch())
                {
                    return Fail(FaultKind.LatchStuck, 0);
                }
            }

            double offsetMa = (calibration.OffsetCounts - nominal.OffsetCounts) * calibration.MilliampsPerCount;
            _ports.TestOutput.SetTestCurrent(true);
            long elapsed = WaitForLatch();
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

            if (!SettleAndClearLatch())
            {
                return Fail(FaultKind.LatchStuck, 0);
            }

            return new SelfTestResult(true, 0, measured, calibration, gainMvPerMa, offsetMa);
        }

        /// <summary>
        /// Drives the test loop forward (the latch must set: the DC comparator sees the loop's current at every accepted
        /// gain) and captures a cycle, then reverse and captures: the difference of the two means over twice the loop
        /// current is the end-to-end slope, free of the offset. Refuses a gain outside the accepted window (measured = the
        /// gain in mV/mA).
        /// </summary>
        private bool MeasureGain(CycleWindow window, ref Calibration calibration, out FaultKind fault, out double measured)
        {
            double forward;
            double reverse;
            if (!DriveLoop(1, true, window, out forward, out fault, out measured) || !DriveLoop(-1, false, window, out reverse, out fault, out measured))
            {
                return false; // Fail() switches the loop off
            }

            _ports.TestLoop.SetTestLoop(0);
            double countsPerMa = (forward - reverse) / (2 * _settings.TestLoopMa);
            double ratio = countsPerMa * _settings.NominalCalibration.MilliampsPerCount;
            if (!(ratio >= _settings.GainLowRatio && ratio <= _settings.GainHighRatio))
            {
                fault = FaultKind.GainOutOfRange;
                measured = ratio * PoleBoardRcm.DesignSensorMvPerMa;
                return false;
            }

            calibration = new Calibration(calibration.OffsetCounts, 1 / countsPerMa);
            return true;
        }

        /// <summary>One loop direction: waits for the latch (at least the sensor's settling time), then captures a cycle.</summary>
        private bool DriveLoop(int polarity, bool mustTrip, CycleWindow window, out double meanCounts, out FaultKind fault, out double measured)
        {
            _ports.TestLoop.SetTestLoop(polarity);
            long elapsed = WaitForLatch();
            if (elapsed < SensorSettleMs)
            {
                _delay.Delay((int)(SensorSettleMs - elapsed));
            }

            meanCounts = 0;
            measured = elapsed;
            if (mustTrip && !_ports.TripInputs.LatchSet)
            {
                fault = FaultKind.SelfTestNoTrip;
                return false;
            }

            if (!Capture(window, out fault))
            {
                measured = 0;
                return false;
            }

            meanCounts = window.MeanCounts;
            return true;
        }

        /// <summary>Polls the latch until it sets or the trip window has passed; returns the time waited.</summary>
        private long WaitForLatch()
        {
            long start = _clock.NowMs;
            long elapsed = 0;
            while (!_ports.TripInputs.LatchSet && elapsed <= _settings.SelfTestTripWindowMs)
            {
                _delay.Delay(PollMs);
                elapsed = _clock.NowMs - start;
            }

            return elapsed;
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
            long start = _clock.NowMs;
            _delay.Delay(_settings.Detector.CycleMilliseconds);
            sinceOffMs = _clock.NowMs - start;
            while (_ports.LoadVoltage.VoltagePresent)
            {
                if (sinceOffMs >= _settings.WeldDebounceMs)
                {
                    return false;
                }

                _delay.Delay(PollMs);
                sinceOffMs = _clock.NowMs - start;
            }

            return true;
        }

        /// <summary>One cycle for the sensor and comparators to settle after a test current before the latch may be reset.</summary>
        private bool SettleAndClearLatch()
        {
            _delay.Delay(_settings.Detector.CycleMilliseconds);
            return ClearLatch();
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
            if (_ports.TestLoop != null)
            {
                _ports.TestLoop.SetTestLoop(0);
            }

            return new SelfTestResult(false, fault, measured, null, 0, 0);
        }
    }
}
