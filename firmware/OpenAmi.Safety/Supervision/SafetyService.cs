using System;
using System.Threading;
using OpenAmi.Platform;
using OpenAmi.Safety.Policy;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>
    /// The tenant lines' protection as a service: the <see cref="SafetySupervisor"/> behind one lock, the re-energise
    /// gate whose answer waits for the probe's verdict, the power-up energising of lines nobody switched off, and the
    /// detection of lines restored after a trip. Supervision never runs on the scheduler: the device calls
    /// <see cref="Run"/> on its own high-priority thread, the emulator calls <see cref="Step"/> in simulated time. Every
    /// entry into the supervisor (a supervision round, a re-energise request with its self-test, a switch-off) is
    /// serialised by the lock, so a command lane's request never races the safety thread's sampling of the same line.
    /// </summary>
    public sealed class SafetyService : IReenergiseGate
    {
        /// <summary>A probe normally ends at its deadline's next round (a few mains cycles per round); beyond this the safety thread is stalled.</summary>
        private const int ProbeVerdictMarginMs = 1000;

        /// <summary>How often a requester looks at a probe the safety thread is resolving.</summary>
        private const int ProbeWatchMs = 20;

        private readonly object _sync = new object();
        private readonly SafetySupervisor _supervisor;
        private readonly int _lineCount;
        private readonly bool[] _energiseAtPowerUp;
        private readonly LineState[] _lastState;
        private readonly bool[] _probingAfterTrip;
        private readonly ISwitchOffMemory _switchedOff;
        private readonly ISupplyOutcomeSink _outcomes;
        private readonly IMonotonicClock _clock;
        private readonly IDelay _delay;
        private readonly long _probeVerdictMs;
        private bool _poweredUp;
        private int _requestsWaiting;
        private int _stopRequested;
        private int _threadRunning;

        /// <param name="lines">Every tenant line's ports, by line number.</param>
        /// <param name="suppliedByDefault">Per line: energise at power-up when Safety allows and nobody switched it off (false for lines switched by credit).</param>
        public SafetyService(SafetySettings settings, LinePorts[] lines, bool[] suppliedByDefault, IAnyTripInput anyTrip, ILocalResetInput localReset,
            IMonotonicClock clock, IWallClock wallClock, IDelay delay, ISafetyStore store, ISafetyEventSink events, ISupplyOutcomeSink outcomes,
            ISwitchOffMemory switchedOff)
        {
            _lineCount = lines.Length;
            _energiseAtPowerUp = new bool[lines.Length];
            _lastState = new LineState[lines.Length];
            _probingAfterTrip = new bool[lines.Length];
            _switchedOff = switchedOff;
            _outcomes = outcomes;
            for (int i = 0; i < lines.Length; i++)
            {
                _energiseAtPowerUp[i] = suppliedByDefault[i] && !_switchedOff.IsOff(i);
            }

            if (lines.Length > 0)
            {
                _clock = clock;
                _delay = delay;
                _probeVerdictMs = settings.ProbeMs + ProbeVerdictMarginMs;
                _supervisor = new SafetySupervisor(settings, lines, anyTrip, localReset, clock, wallClock, delay, store, events);
            }
        }

        public LineState StateOf(int line)
        {
            lock (_sync)
            {
                return Supervisor.StateOf(line);
            }
        }

        /// <summary>Asks for line <paramref name="line"/>'s self-test at the next round (any thread); false while it is locked out or probing.</summary>
        public bool RequestSelfTest(int line)
        {
            lock (_sync)
            {
                return Supervisor.RequestSelfTest(line);
            }
        }

        /// <summary>
        /// One supervision round (every line's trip inputs and one sampled mains cycle, ANY_TRIP, the reset button); the
        /// first call powers the supervisor up (lines held open, persisted lockouts restored, power-up self-tests) and
        /// then asks for the lines that are supplied whenever Safety allows. Call it only from the safety thread.
        /// </summary>
        public void Step()
        {
            if (_supervisor == null)
            {
                return;
            }

            lock (_sync)
            {
                if (!_poweredUp)
                {
                    PowerUp();
                    return;
                }

                Round();
            }
        }

        /// <summary>
        /// The device's safety thread: supervision rounds back to back until <see cref="Stop"/>, checking in with the
        /// watchdog. A waiting re-energise request gets the lock between rounds (one round is a few mains cycles).
        /// </summary>
        public void Run(ISupervisionLease lease)
        {
            Interlocked.Exchange(ref _threadRunning, 1);
            while (Interlocked.CompareExchange(ref _stopRequested, 0, 0) == 0)
            {
                if (lease != null)
                {
                    lease.CheckIn();
                }

                Step();
                if (Interlocked.CompareExchange(ref _requestsWaiting, 0, 0) > 0)
                {
                    // Monitor is not fair: step aside so that the requester, not this loop, takes the lock next.
                    Thread.Sleep(1);
                }
            }

            Interlocked.Exchange(ref _threadRunning, 0);
            if (lease != null)
            {
                lease.Release();
            }
        }

        /// <summary>Callable from any thread; <see cref="Run"/> returns after its current round.</summary>
        public void Stop() => Interlocked.Exchange(ref _stopRequested, 1);

        /// <summary>
        /// The re-energise policy decides (lockout, attempt budget, self-test, then a bounded probe re-closure with the
        /// fast path armed), and the answer waits for the probe's verdict: a line that trips again during its probe is
        /// refused as "leakage_persists" (or "attempt_limit" when that re-trip locked it out), so the head-end's ack says
        /// what really happened to the line. A refusal is also reported northbound as rcm_refused. Runs on the caller's
        /// thread (the command lane): with the safety thread running it waits for that thread's rounds, otherwise (the
        /// emulator, tests) it runs the rounds itself.
        /// </summary>
        public ReenergiseDecision Request(int line, ReenergiseSource source)
        {
            if (line < 0 || line >= _lineCount)
            {
                throw new ArgumentOutOfRangeException("line", "no such tenant line");
            }

            Interlocked.Increment(ref _requestsWaiting);
            try
            {
                ReenergiseDecision decision;
                bool deferred = false;
                lock (_sync)
                {
                    if (!_poweredUp)
                    {
                        // Nothing is proven before the power-up self-tests. Credit and keypad are remembered and served by
                        // the power-up's own request (the policy runs there); a remote command is answered now.
                        decision = ReenergiseDecision.Refuse(RefusalReason.SelfTestFailed);
                        deferred = source != ReenergiseSource.RemoteReconnect;
                        _energiseAtPowerUp[line] |= deferred;
                    }
                    else
                    {
                        bool wasTripped = Supervisor.StateOf(line) == LineState.Tripped;
                        decision = Supervisor.Request(line, source);
                        if (decision.ProbeStarted)
                        {
                            _lastState[line] = LineState.Probing;
                            _probingAfterTrip[line] = wasTripped;
                        }
                    }
                }

                if (decision.ProbeStarted)
                {
                    decision = AwaitProbe(line);
                }

                if (!decision.Refused || deferred)
                {
                    _switchedOff.Wanted(line);
                }
                else
                {
                    _outcomes.Refused(line, source, decision.Reason);
                }

                return decision;
            }
            finally
            {
                Interlocked.Decrement(ref _requestsWaiting);
            }
        }

        /// <summary>Opening a line (disconnect, no credit) is always done.</summary>
        public void Deenergise(int line)
        {
            Interlocked.Increment(ref _requestsWaiting);
            try
            {
                lock (_sync)
                {
                    Supervisor.Deenergise(line);
                    _energiseAtPowerUp[line] = false;
                }

                _switchedOff.SwitchedOff(line);
            }
            finally
            {
                Interlocked.Decrement(ref _requestsWaiting);
            }
        }

        private SafetySupervisor Supervisor
        {
            get
            {
                if (_supervisor == null)
                {
                    throw new ArgumentOutOfRangeException("line", "no safety channel is configured");
                }

                return _supervisor;
            }
        }

        /// <summary>Power-up on the safety thread, under the lock; the automatic requests' probes resolve in the following rounds.</summary>
        private void PowerUp()
        {
            _supervisor.PowerUp();
            _poweredUp = true;
            for (int i = 0; i < _lastState.Length; i++)
            {
                _lastState[i] = _supervisor.StateOf(i);
                if (_energiseAtPowerUp[i] && _lastState[i] == LineState.Off)
                {
                    // Only a line last opened by command or by a power cut: a tripped line waits for an explicit request.
                    ReenergiseDecision decision = _supervisor.Request(i, ReenergiseSource.AutomaticRetry);
                    if (decision.Refused)
                    {
                        _outcomes.Refused(i, ReenergiseSource.AutomaticRetry, decision.Reason);
                    }

                    _lastState[i] = _supervisor.StateOf(i);
                }
            }
        }

        /// <summary>One supervision round and the restores it completed (call under the lock).</summary>
        private void Round()
        {
            _supervisor.Poll();
            ReportRestoredLines();
        }

        private ReenergiseDecision AwaitProbe(int line)
        {
            long start = _clock.NowMs;
            LineState state = LineState.Probing;
            while (true)
            {
                lock (_sync)
                {
                    if (Interlocked.CompareExchange(ref _threadRunning, 0, 0) == 0)
                    {
                        Round();
                    }

                    state = _supervisor.StateOf(line);
                }

                if (state != LineState.Probing || _clock.NowMs - start > _probeVerdictMs)
                {
                    break;
                }

                if (Interlocked.CompareExchange(ref _threadRunning, 0, 0) != 0)
                {
                    _delay.Delay(ProbeWatchMs);
                }
            }

            switch (state)
            {
                case LineState.On:
                case LineState.Off:
                    // Off: the probe held, but a switch-off (disconnect, credit ended) opened the line meanwhile.
                    return ReenergiseDecision.Probing();
                case LineState.Tripped:
                    return ReenergiseDecision.Refuse(RefusalReason.RetrippedOnProbe);
                case LineState.LockedOut:
                    return ReenergiseDecision.Refuse(RefusalReason.AttemptLimit);
                case LineState.Probing:
                    // The safety thread did not finish the probe in time: the line is still being proven, not granted.
                    return ReenergiseDecision.Refuse(RefusalReason.ProbeInProgress);
                default:
                    // Faulted: a sensor or self-test fault during the probe opened the line.
                    return ReenergiseDecision.Refuse(RefusalReason.SensorFault);
            }
        }

        /// <summary>rcm_restore: a line opened by earth leakage held through its probe (a boot or a daily self-test is no restore).</summary>
        private void ReportRestoredLines()
        {
            for (int i = 0; i < _lastState.Length; i++)
            {
                LineState now = _supervisor.StateOf(i);
                if (now != LineState.Probing && _lastState[i] == LineState.Probing)
                {
                    if (now == LineState.On && _probingAfterTrip[i])
                    {
                        _outcomes.Restored(i);
                    }

                    _probingAfterTrip[i] = false;
                }

                _lastState[i] = now;
            }
        }
    }
}
