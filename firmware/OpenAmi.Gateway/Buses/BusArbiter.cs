using System;
using System.Threading;
using OpenAmi.Gateway.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Buses
{
    /// <summary>
    /// <see cref="IBusArbiter"/> for one UART shared by <see cref="BusCount"/> buses, numbered 0..BusCount-1. State is
    /// guarded by one lock; waiters sleep on a per-bus event because the device has no Monitor.Wait/Pulse
    /// (docs/device-subset.md). A release hands the UART straight to the next bus that has a waiter, in round-robin order
    /// starting after the released bus, so a bus polled back to back cannot take it again while another bus waits: a
    /// waiting bus gets the UART after at most BusCount-1 foreign transactions (the optical port is never starved by
    /// continuous RS-485 polling). Nothing is allocated per transaction.
    /// </summary>
    public sealed class BusArbiter : IBusArbiter
    {
        public const int NoBus = -1;
        private const int NoThread = -1;

        private readonly object _sync = new object();
        private readonly IBusSwitch _switch;
        private readonly IMonotonicClock _clock;
        private readonly AutoResetEvent[] _granted;
        private readonly int[] _waiting;

        // _owner is set and _ownerThread NoThread while a hand-over waits for one of that bus's waiters to claim it.
        private int _owner = NoBus;
        private int _ownerThread = NoThread;

        // Touched only by the current owner.
        private int _routed = NoBus;

        public BusArbiter(int busCount, IBusSwitch busSwitch, IMonotonicClock clock)
        {
            if (busCount < 1)
            {
                throw new ArgumentOutOfRangeException("busCount", "at least one bus");
            }

            if (busSwitch == null || clock == null)
            {
                throw new ArgumentNullException(busSwitch == null ? "busSwitch" : "clock");
            }

            _switch = busSwitch;
            _clock = clock;
            _waiting = new int[busCount];
            _granted = new AutoResetEvent[busCount];
            for (int i = 0; i < busCount; i++)
            {
                _granted[i] = new AutoResetEvent(false);
            }
        }

        public int BusCount => _waiting.Length;

        /// <summary>Threads waiting for <paramref name="busId"/> now (diagnostics).</summary>
        public int WaitingFor(int busId)
        {
            CheckBus(busId);
            lock (_sync)
            {
                return _waiting[busId];
            }
        }

        public bool TryAcquire(int busId, int timeoutMs)
        {
            CheckBus(busId);
            if (timeoutMs < 0)
            {
                throw new ArgumentOutOfRangeException("timeoutMs", "0 or more");
            }

            int me = Thread.CurrentThread.ManagedThreadId;
            long deadline = _clock.NowMs + timeoutMs;
            bool claimed;
            lock (_sync)
            {
                if (_ownerThread == me)
                {
                    throw new BusArbiterException("bus " + busId.ToString() + " requested while this thread holds bus " + _owner.ToString());
                }

                // Free means nobody waits either: a release always hands over to a waiter when there is one.
                claimed = _owner == NoBus;
                if (claimed)
                {
                    _owner = busId;
                    _ownerThread = me;
                }
                else
                {
                    _waiting[busId]++;
                }
            }

            if (!claimed && !AwaitHandOver(busId, me, deadline))
            {
                return false;
            }

            Route(busId);
            return true;
        }

        public void Release(int busId)
        {
            CheckBus(busId);
            lock (_sync)
            {
                if (_owner != busId || _ownerThread != Thread.CurrentThread.ManagedThreadId)
                {
                    throw new BusArbiterException("bus " + busId.ToString() + " released by a thread that does not hold it");
                }

                HandOver(busId);
            }
        }

        public bool Holds(int busId)
        {
            CheckBus(busId);
            lock (_sync)
            {
                return _owner == busId && _ownerThread == Thread.CurrentThread.ManagedThreadId;
            }
        }

        private bool AwaitHandOver(int busId, int me, long deadline)
        {
            while (true)
            {
                long remaining = deadline - _clock.NowMs;
                if (remaining > 0)
                {
                    // A stale signal (its grant was claimed by a waiter whose time ran out) only causes one extra check.
                    _granted[busId].WaitOne((int)remaining, false);
                }

                lock (_sync)
                {
                    if (_owner == busId && _ownerThread == NoThread)
                    {
                        _waiting[busId]--;
                        _ownerThread = me;
                        return true;
                    }

                    if (_clock.NowMs >= deadline)
                    {
                        _waiting[busId]--;
                        return false;
                    }
                }
            }
        }

        /// <summary>Gives the UART to the next bus with a waiter after <paramref name="releasedBus"/>, or frees it. Under the lock.</summary>
        private void HandOver(int releasedBus)
        {
            _owner = NoBus;
            _ownerThread = NoThread;
            int count = _waiting.Length;
            for (int step = 1; step <= count; step++)
            {
                int candidate = (releasedBus + step) % count;
                if (_waiting[candidate] > 0)
                {
                    _owner = candidate;
                    _granted[candidate].Set();
                    return;
                }
            }
        }

        /// <summary>Re-routes the UART if another bus used it last; runs on the new owner's thread outside the lock.</summary>
        private void Route(int busId)
        {
            if (_routed == busId)
            {
                return;
            }

            try
            {
                _routed = NoBus;
                _switch.SwitchTo(busId);
                _routed = busId;
            }
            catch (Exception error)
            {
                // The UART's routing is unknown now: the next owner re-routes whatever its bus.
                Release(busId);
                throw new BusArbiterException("bus " + busId.ToString() + " could not be routed: " + error.Message, error);
            }
        }

        private void CheckBus(int busId)
        {
            if (busId < 0 || busId >= _waiting.Length)
            {
                throw new ArgumentOutOfRangeException("busId", "no such bus");
            }
        }
    }
}
