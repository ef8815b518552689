using System;
using System.Collections;
using OpenAmi.Gateway.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Watchdog
{
    /// <summary>
    /// nanoFramework has no managed watchdog API, so the gateway supervises its own loops: each loop holds a
    /// <see cref="WatchdogLease"/> and checks in; <see cref="Check"/> (run by <see cref="WatchdogThread"/>
    /// at the highest priority) reboots through <see cref="IRebootPort"/> when any lease is overdue.
    /// A stalled bus read or a deadlock then costs one reboot, not a silent pole. The ESP32's own task
    /// watchdog still covers a hung interpreter, which this thread cannot.
    /// </summary>
    public sealed class SoftwareWatchdog
    {
        private readonly IMonotonicClock _clock;
        private readonly IRebootPort _reboot;
        private readonly ArrayList _leases = new ArrayList();
        private readonly object _sync = new object();

        public SoftwareWatchdog(IMonotonicClock clock, IRebootPort reboot)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _reboot = reboot ?? throw new ArgumentNullException(nameof(reboot));
        }

        /// <summary>Null until the watchdog ordered a reboot; then why (loop name, silence, limit).</summary>
        public string RebootReason { get; private set; }

        /// <summary>Supervise a loop from now on; it must check in within <paramref name="timeoutMs"/>.</summary>
        public WatchdogLease Register(string name, long timeoutMs)
        {
            if (timeoutMs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMs), "timeout must be positive");
            }

            lock (_sync)
            {
                var lease = new WatchdogLease(this, name, timeoutMs, _clock.NowMs);
                _leases.Add(lease);
                return lease;
            }
        }

        /// <summary>
        /// Reboots (once) when a lease is overdue. Returns true when a reboot has been ordered, now or before;
        /// on the device the port does not return.
        /// </summary>
        public bool Check()
        {
            string reason;
            lock (_sync)
            {
                if (RebootReason != null)
                {
                    return true;
                }

                reason = FindStall(_clock.NowMs);
                if (reason == null)
                {
                    return false;
                }

                RebootReason = reason;
            }

            _reboot.Reboot(reason);
            return true;
        }

        internal void CheckIn(WatchdogLease lease)
        {
            lock (_sync)
            {
                lease.LastCheckInMs = _clock.NowMs;
            }
        }

        internal void Release(WatchdogLease lease)
        {
            lock (_sync)
            {
                lease.Released = true;
                _leases.Remove(lease);
            }
        }

        private string FindStall(long now)
        {
            for (int i = 0; i < _leases.Count; i++)
            {
                var lease = (WatchdogLease)_leases[i];
                long silent = now - lease.LastCheckInMs;
                if (silent > lease.TimeoutMs)
                {
                    return "watchdog: loop '" + lease.Name + "' silent for " + silent.ToString()
                        + " ms (limit " + lease.TimeoutMs.ToString() + " ms)";
                }
            }

            return null;
        }
    }
}
