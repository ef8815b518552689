using System;
using System.Threading;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Watchdog;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>
    /// The application loop on a real thread: check in with the watchdog, run the next due step, or sleep
    /// until the next due time (woken early when work is added). The sleep is capped so an idle loop still
    /// checks in. The emulator drives <see cref="Scheduler"/> directly in simulated time instead.
    /// </summary>
    public sealed class SchedulerLoop
    {
        private readonly Scheduler _scheduler;
        private readonly IMonotonicClock _clock;
        private readonly IWaiter _waiter;
        private readonly WatchdogLease _lease;
        private readonly long _maxIdleMs;
        private int _stopRequested;

        /// <param name="lease">May be null (no supervision); otherwise maxIdleMs must be below its timeout.</param>
        public SchedulerLoop(Scheduler scheduler, IMonotonicClock clock, IWaiter waiter, WatchdogLease lease, long maxIdleMs)
        {
            _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _waiter = waiter ?? throw new ArgumentNullException(nameof(waiter));
            if (maxIdleMs <= 0 || (lease != null && maxIdleMs >= lease.TimeoutMs))
            {
                throw new ArgumentOutOfRangeException(nameof(maxIdleMs), "idle cap must be positive and below the watchdog timeout");
            }

            _lease = lease;
            _maxIdleMs = maxIdleMs;
            _scheduler.WorkAdded += _waiter.Wake;
        }

        /// <summary>One pass: check in, then run one step or wait.</summary>
        public void RunOnce()
        {
            _lease?.CheckIn();
            if (_scheduler.RunNext())
            {
                return;
            }

            long idleLimit = _clock.NowMs + _maxIdleMs;
            long next = _scheduler.NextDueMs;
            _waiter.WaitUntil(next < idleLimit ? next : idleLimit);
        }

        /// <summary>Runs until <see cref="Stop"/>; then releases the watchdog lease.</summary>
        public void Run()
        {
            while (Interlocked.CompareExchange(ref _stopRequested, 0, 0) == 0)
            {
                RunOnce();
            }

            _lease?.Release();
        }

        /// <summary>Callable from any thread.</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref _stopRequested, 1);
            _waiter.Wake();
        }
    }
}
