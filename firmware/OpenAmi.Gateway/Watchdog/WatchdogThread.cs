using System;
using System.Threading;
using OpenAmi.Gateway.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Watchdog
{
    /// <summary>
    /// The supervising thread: highest priority, wakes every <c>checkEveryMs</c> and runs
    /// <see cref="SoftwareWatchdog.Check"/>. It takes no lock held by I/O, so a loop stuck in a bus read
    /// cannot stop it. Waiting goes through <see cref="IWaiter"/> so tests drive it with a fake clock.
    /// </summary>
    public sealed class WatchdogThread
    {
        private readonly SoftwareWatchdog _watchdog;
        private readonly IMonotonicClock _clock;
        private readonly IWaiter _waiter;
        private readonly long _checkEveryMs;
        private Thread _thread;
        private int _stopRequested;

        public WatchdogThread(SoftwareWatchdog watchdog, IMonotonicClock clock, IWaiter waiter, long checkEveryMs)
        {
            if (checkEveryMs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(checkEveryMs), "interval must be positive");
            }

            _watchdog = watchdog ?? throw new ArgumentNullException(nameof(watchdog));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _waiter = waiter ?? throw new ArgumentNullException(nameof(waiter));
            _checkEveryMs = checkEveryMs;
        }

        public void Start()
        {
            if (_thread != null)
            {
                throw new InvalidOperationException("watchdog thread already started");
            }

            _thread = new Thread(Run);
            _thread.Priority = ThreadPriority.Highest;
            _thread.Start();
        }

        /// <summary>Ends the thread (tests, orderly shutdown) and waits for it.</summary>
        public void Stop()
        {
            Interlocked.Exchange(ref _stopRequested, 1);
            _waiter.Wake();
            _thread?.Join();
        }

        private void Run()
        {
            while (Interlocked.CompareExchange(ref _stopRequested, 0, 0) == 0)
            {
                if (_watchdog.Check())
                {
                    return;
                }

                _waiter.WaitUntil(_clock.NowMs + _checkEveryMs);
            }
        }
    }
}
