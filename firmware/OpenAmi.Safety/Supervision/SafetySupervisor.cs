using System;
using OpenAmi.Platform;
using OpenAmi.Safety.Events;
using OpenAmi.Safety.Policy;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Safety.Supervision
{
    /// <summary>
    /// The board's safety supervisor: owns every line's switch, polls trip inputs, ANY_TRIP and the local reset button,
    /// and is the single <see cref="IReenergiseGate"/>. The Gateway constructs it with the device ports and hands only the
    /// gate (and Deenergise) to Northbound and Prepaid; there is no public way to close a line except Request.
    /// </summary>
    public sealed class SafetySupervisor : IReenergiseGate
    {
        private const int MismatchPolls = 2;
        private readonly LineGuard[] _lines;
        private readonly IAnyTripInput _anyTrip;
        private readonly ILocalResetInput _localReset;
        private readonly IMonotonicClock _clock;
        private int _mismatchPolls;
        private long _resetPressedSinceMs = -1;
        private bool _resetDone;

        public SafetySupervisor(SafetySettings settings, LinePorts[] lines, IAnyTripInput anyTrip, ILocalResetInput localReset,
            IMonotonicClock clock, IWallClock wallClock, IDelay delay, ISafetyStore store, ISafetyEventSink events)
        {
            if (settings == null || lines == null || anyTrip == null || localReset == null || clock == null || wallClock == null || delay == null
                || store == null || events == null)
            {
                throw new ArgumentNullException("settings", "every supervisor port is required");
            }

            settings.Validate();
            _lines = new LineGuard[lines.Length];
            for (int i = 0; i < lines.Length; i++)
            {
                _lines[i] = new LineGuard(i, settings, lines[i], clock, wallClock, delay, store, events);
            }

            _anyTrip = anyTrip;
            _localReset = localReset;
            _clock = clock;
            LocalResetHoldMs = settings.LocalResetHoldMs;
        }

        public int LineCount => _lines.Length;

        private int LocalResetHoldMs { get; }

        public LineState StateOf(int line) => Guard(line).State;

        /// <summary>Power-up: every line held open, history restored, power-up self-test.</summary>
        public void PowerUp()
        {
            for (int i = 0; i < _lines.Length; i++)
            {
                _lines[i].PowerUp();
            }
        }

        /// <summary>One supervision round; call continuously from the safety thread.</summary>
        public void Poll()
        {
            bool anyLatch = false;
            for (int i = 0; i < _lines.Length; i++)
            {
                _lines[i].Poll();
                anyLatch |= _lines[i].LatchSet;
            }

            CheckAnyTrip(anyLatch);
            CheckLocalReset();
        }

        public ReenergiseDecision Request(int line, ReenergiseSource source) => Guard(line).Request();

        public void Deenergise(int line) => Guard(line).Deenergise();

        /// <summary>See <see cref="LineGuard.RequestSelfTest"/>.</summary>
        public bool RequestSelfTest(int line) => Guard(line).RequestSelfTest();

        private void CheckAnyTrip(bool anyLatch)
        {
            // Expander and GPIO are read at slightly different instants, so one disagreeing poll is tolerated.
            _mismatchPolls = _anyTrip.Asserted == anyLatch ? 0 : _mismatchPolls + 1;
            if (_mismatchPolls < MismatchPolls)
            {
                return;
            }

            for (int i = 0; i < _lines.Length; i++)
            {
                _lines[i].Fault(FaultKind.AnyTripMismatch, anyLatch ? 1 : 0);
            }
        }

        private void CheckLocalReset()
        {
            if (!_localReset.Pressed)
            {
                _resetPressedSinceMs = -1;
                _resetDone = false;
                return;
            }

            long now = _clock.NowMs;
            if (_resetPressedSinceMs < 0)
            {
                _resetPressedSinceMs = now;
            }

            if (!_resetDone && now - _resetPressedSinceMs >= LocalResetHoldMs)
            {
                _resetDone = true;
                for (int i = 0; i < _lines.Length; i++)
                {
                    _lines[i].LocalReset();
                }
            }
        }

        private LineGuard Guard(int line)
        {
            if (line < 0 || line >= _lines.Length)
            {
                throw new ArgumentOutOfRangeException("line", "no such tenant line");
            }

            return _lines[line];
        }
    }
}
