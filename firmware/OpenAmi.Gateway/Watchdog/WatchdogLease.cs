using OpenAmi.Safety.Ports;

namespace OpenAmi.Gateway.Watchdog
{
    /// <summary>
    /// One supervised loop's registration. The loop calls <see cref="CheckIn"/> at least once per
    /// <see cref="TimeoutMs"/>; a lease that stays silent longer makes the watchdog reboot the device.
    /// </summary>
    public sealed class WatchdogLease : ISupervisionLease
    {
        private readonly SoftwareWatchdog _owner;

        internal WatchdogLease(SoftwareWatchdog owner, string name, long timeoutMs, long nowMs)
        {
            _owner = owner;
            Name = name;
            TimeoutMs = timeoutMs;
            LastCheckInMs = nowMs;
        }

        public string Name { get; }

        public long TimeoutMs { get; }

        /// <summary>Written and read under the watchdog's lock: a 64-bit store is not atomic on the ESP32.</summary>
        internal long LastCheckInMs { get; set; }

        internal bool Released { get; set; }

        public void CheckIn() => _owner.CheckIn(this);

        /// <summary>The loop ended on purpose (orderly shutdown); it is no longer supervised.</summary>
        public void Release() => _owner.Release(this);
    }
}
