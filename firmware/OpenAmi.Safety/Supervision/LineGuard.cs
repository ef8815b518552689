using System;
using OpenAmi.Platform;
using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;
using OpenAmi.Safety.Policy;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>
    /// Supervision and re-energise policy of one tenant line. The only code that may close the line's SSR, and only from
    /// <see cref="Request"/> after a passed self-test (and within the attempt budget), as a bounded probe with the fast
    /// path armed. Everything else can only open it.
    /// </summary>
    internal sealed class LineGuard
    {
        // 1970-01-01T00:00:00Z in DateTime ticks: the attempt history dates attempts in Unix seconds.
        private static readonly long UnixEpochTicks = new DateTime(1970, 1, 1, 0, 0, 0).Ticks;

        private readonly int _line;
        private readonly SafetySettings _settings;
        private readonly LinePorts _ports;
        private readonly IMonotonicClock _clock;
        private readonly IWallClock _wallClock;
        private readonly ISafetyStore _store;
        private readonly ISafetyEventSink _events;
        private readonly BlockTripChannel _channel;
        private readonly SelfTest _selfTest;
        private readonly int[] _block;
        private readonly string _storeKey;
        private AttemptHistory _history = new AttemptHistory();
        private long _probeDeadlineMs;
        private long _offCommandMs;
        private long _lastSelfTestMs;
        private bool _selfTestRequested;
        private long _previousBlockStartMs;

        public LineGuard(int line, SafetySettings settings, LinePorts ports, IMonotonicClock clock, IWallClock wallClock, IDelay delay,
            ISafetyStore store, ISafetyEventSink events)
        {
            _line = line;
            _settings = settings;
            _ports = ports;
            _clock = clock;
            _wallClock = wallClock;
            _store = store;
            _events = events;
            _channel = new BlockTripChannel(settings.Detector, settings.NominalCalibration, settings.RailLowCounts, settings.RailHighCounts);
            _block = new int[settings.Detector.SamplesPerCycle];
            _selfTest = new SelfTest(settings, ports, clock, delay, _block);
            _storeKey = "rcm-line-" + line.ToString();
        }

        public LineState State { get; private set; }

        private bool Energised => State == LineState.On || State == LineState.Probing;

        public bool LatchSet => _ports.TripInputs.LatchSet;

        /// <summary>Power-up: both drive lines low, the persisted history restored, then the power-up self-test.</summary>
        public void PowerUp()
        {
            _ports.Switch.SetArmed(false);
            Open();
            _history = AttemptHistory.Deserialise(_store.Load(_storeKey));
            if (_history.WasCorrupt)
            {
                Persist();
                _events.RcmFault(new RcmFaultEvent(_line, FaultKind.StoreCorrupt, 0));
            }

            State = _history.LockedOut ? LineState.LockedOut : _history.LastOffWasTrip ? LineState.Tripped : LineState.Off;
            RunSelfTest(SelfTestTrigger.PowerUp);
        }

        /// <summary>One supervision step: trip inputs, one captured block through the firmware channel, weld check, probe and daily test timers.</summary>
        public void Poll()
        {
            if (_ports.TripInputs.ModuleError)
            {
                Fault(FaultKind.ModuleError, 0);
            }
            else if (Energised && _ports.TripInputs.LatchSet)
            {
                Tripped(TripChannel.HardwareLatch, TripCause.HardwareLatch, WaveformClass.None, 0, -1);
            }

            JudgeOneBlock();
            long now = _clock.NowMs;
            if (!Energised && State != LineState.LockedOut && _ports.LoadVoltage.VoltagePresent && now - _offCommandMs >= _settings.WeldDebounceMs)
            {
                Welded();
            }

            if (State == LineState.Probing && now >= _probeDeadlineMs)
            {
                State = LineState.On;
                if (_history.LastOffWasTrip)
                {
                    _history.LastOffWasTrip = false;
                    Persist();
                }
            }

            bool requested = _selfTestRequested;
            _selfTestRequested = false;
            if ((requested || now - _lastSelfTestMs >= _settings.DailySelfTestMs) && State != LineState.LockedOut && State != LineState.Probing)
            {
                // The test current trips the latch, which opens the line: a planned interruption of a few cycles.
                bool wasOn = State == LineState.On;
                Open();
                if (RunSelfTest(requested ? SelfTestTrigger.Installer : SelfTestTrigger.Daily) && wasOn)
                {
                    StartProbe();
                }
            }
        }

        /// <summary>
        /// Asks for the daily self-test now (an installer's check): run by the next supervision round exactly as the
        /// daily one, so a line that was on comes back only through a probe after a passed test. False while the line is
        /// locked out or probing, as the daily test waits then too.
        /// </summary>
        public bool RequestSelfTest()
        {
            if (State == LineState.LockedOut || State == LineState.Probing)
            {
                return false;
            }

            _selfTestRequested = true;
            return true;
        }

        /// <summary>The re-energise policy: lockout, weld check, attempt budget, self-test, then a bounded probe.</summary>
        public ReenergiseDecision Request()
        {
            if (_history.LockedOut)
            {
                return ReenergiseDecision.Refuse(RefusalReason.LockedOut);
            }

            if (State == LineState.Probing)
            {
                return ReenergiseDecision.Refuse(RefusalReason.ProbeInProgress);
            }

            if (State == LineState.On)
            {
                return ReenergiseDecision.Refuse(RefusalReason.AlreadyOn);
            }

            long sinceOffMs;
            if (!_selfTest.OpenAndWaitForDeadLine(out sinceOffMs))
            {
                Welded();
                return ReenergiseDecision.Refuse(RefusalReason.SsrWelded);
            }

            long nowUnix;
            bool clockKnown = TryGetUnixSeconds(out nowUnix);
            if (_history.LastOffWasTrip)
            {
                int attempts = _history.AttemptsWithin(_settings.AttemptWindowSeconds, clockKnown, nowUnix);
                if (attempts >= _settings.MaxAttempts)
                {
                    LockOut(RefusalReason.AttemptLimit, attempts);
                    return ReenergiseDecision.Refuse(RefusalReason.AttemptLimit);
                }
            }

            if (!RunSelfTest(SelfTestTrigger.Reclosure))
            {
                return ReenergiseDecision.Refuse(RefusalReason.SelfTestFailed);
            }

            if (_history.LastOffWasTrip)
            {
                // Recorded before closing, so that a reboot during the probe cannot forget the attempt.
                _history.RecordAttempt(clockKnown ? nowUnix : AttemptHistory.UnknownTime);
                Persist();
            }

            StartProbe();
            return ReenergiseDecision.Probing();
        }

        /// <summary>Opening on command (disconnect, no credit) is always allowed.</summary>
        public void Deenergise()
        {
            Open();
            if (Energised)
            {
                State = LineState.Off;
            }
        }

        /// <summary>The board's reset button: clears lockout, faults and the attempt history; the line stays open.</summary>
        public void LocalReset()
        {
            Open();
            _history.Clear();
            Persist();
            if (!Energised)
            {
                State = LineState.Off;
            }
        }

        public void Fault(FaultKind kind, double measured)
        {
            Open();
            if (State == LineState.Faulted || State == LineState.LockedOut)
            {
                return;
            }

            State = LineState.Faulted;
            _events.RcmFault(new RcmFaultEvent(_line, kind, measured));
        }

        private void JudgeOneBlock()
        {
            long start = _clock.NowMs;
            long elapsedUs;
            int count = _ports.Samples.Capture(_block, 0, _block.Length, out elapsedUs);
            var verdict = _channel.Judge(_block, 0, count, elapsedUs);
            long previousStart = _previousBlockStartMs;
            _previousBlockStartMs = start;
            if (verdict == BlockVerdict.MissingSamples)
            {
                Fault(FaultKind.MissingSamples, count);
            }
            else if (verdict == BlockVerdict.StuckAtRail && (!Energised || _ports.TripInputs.LatchSet))
            {
                // Longer on a rail than a real residual current can last: once SSR_EN falls (off command or latch) a
                // zero-cross SSR stops within half a cycle and the sensor follows within about 1 ms, and any current on a
                // rail (≥ 39.6 mA) is far beyond the hardware peak and high-set comparators, which set the latch within
                // about 1 ms. So a whole cycle on a rail with the line commanded off before the block began, or with the
                // latch set, is a failed sensor or supply. A block that overlapped the off command proves nothing yet.
                if (Energised || start >= _offCommandMs)
                {
                    Fault(FaultKind.SensorStuck, _block[0]);
                }
            }
            else if (verdict != BlockVerdict.Normal && Energised)
            {
                // A trip, or a whole block over-range on a live line whose latch did not react (hardware path failed):
                // a residual current of at least the rail value, never a sensor fault.
                // DC needs two consecutive blocks, so its pickup began with the previous one.
                long pickup = _channel.LastCause == TripCause.Dc ? previousStart : start;
                Tripped(TripChannel.FirmwareDsp, _channel.LastCause, _channel.LastClass, _channel.LastMagnitudeMa, _clock.NowMs - pickup);
            }
        }

        private void Tripped(TripChannel channel, TripCause cause, WaveformClass waveform, double magnitudeMa, long latencyMs)
        {
            Open();
            bool duringProbe = State == LineState.Probing;
            State = LineState.Tripped;
            _history.LastOffWasTrip = true;
            Persist();
            _events.RcmTrip(new RcmTripEvent(_line, channel, cause, waveform, magnitudeMa, latencyMs, duringProbe));
            if (duringProbe)
            {
                long nowUnix;
                bool clockKnown = TryGetUnixSeconds(out nowUnix);
                int attempts = _history.AttemptsWithin(_settings.AttemptWindowSeconds, clockKnown, nowUnix);
                if (attempts >= _settings.MaxAttempts)
                {
                    LockOut(RefusalReason.AttemptLimit, attempts);
                }
            }
        }

        private void Welded()
        {
            Open();
            _events.RcmFault(new RcmFaultEvent(_line, FaultKind.SsrWelded, 0));
            LockOut(RefusalReason.SsrWelded, 0);
        }

        private void LockOut(RefusalReason reason, int attempts)
        {
            _history.Lock(reason);
            Persist();
            State = LineState.LockedOut;
            _events.RcmLockout(new RcmLockoutEvent(_line, reason, attempts));
        }

        private bool RunSelfTest(SelfTestTrigger trigger)
        {
            _lastSelfTestMs = _clock.NowMs;
            var result = _selfTest.Run();
            if (!result.Passed && result.Fault == FaultKind.SsrWelded)
            {
                Welded();
                return false;
            }

            if (!result.Passed)
            {
                Fault(result.Fault, result.Measured);
                return false;
            }

            _channel.Recalibrate(result.Calibration);
            if (result.GainMvPerMa > 0)
            {
                _events.RcmSelfTest(new RcmSelfTestEvent(_line, trigger, result.GainMvPerMa, result.OffsetMa));
            }

            if (State == LineState.Faulted)
            {
                State = _history.LastOffWasTrip ? LineState.Tripped : LineState.Off;
            }

            return true;
        }

        private void StartProbe()
        {
            _channel.BeginInrushBlanking();
            _ports.Switch.SetArmed(true);
            _ports.Switch.SetOn(true);
            State = LineState.Probing;
            _probeDeadlineMs = _clock.NowMs + _settings.ProbeMs;
        }

        private void Open()
        {
            _ports.Switch.SetOn(false);
            _offCommandMs = _clock.NowMs;
        }

        private void Persist()
        {
            var data = _history.Serialise();
            _store.Save(_storeKey, data, data.Length);
        }

        /// <summary>False until the wall clock has been set (SNTP, modem, meter); attempts are then dated as unknown.</summary>
        private bool TryGetUnixSeconds(out long unixSeconds)
        {
            if (!_wallClock.IsSynchronized)
            {
                unixSeconds = 0;
                return false;
            }

            unixSeconds = (_wallClock.UtcNow.Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond;
            return true;
        }
    }
}
