using System.Collections;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Polling
{
    /// <summary>
    /// How often each item is read: one interval per <see cref="PollClass"/>, and per-item overrides by VMRS
    /// code. Defaults: billing registers hourly, instantaneous and event items every 15 min (the VMRS
    /// "event or 15min"), static items daily, clock checks every 6 h.
    /// </summary>
    public sealed class PollPlan
    {
        public const long Minute = 60000;

        private readonly long[] _byClass =
        {
            60 * Minute,      // Billing
            15 * Minute,      // Instantaneous
            15 * Minute,      // Event
            24 * 60 * Minute, // Static
            6 * 60 * Minute,  // Sync
        };

        private readonly Hashtable _byCode = new Hashtable();

        /// <summary>Waiting time after the first silent transaction; doubles per further silence.</summary>
        public long BackoffBaseMs { get; set; } = 30000;

        /// <summary>Longest wait between retries of a silent meter.</summary>
        public long BackoffMaxMs { get; set; } = 30 * Minute;

        public void SetInterval(PollClass pollClass, long intervalMs) => _byClass[(int)pollClass] = intervalMs;

        public void SetInterval(string vmrsCode, long intervalMs) => _byCode[vmrsCode] = intervalMs;

        public long IntervalFor(VmrsItem item)
        {
            object overridden = _byCode[item.Code];
            return overridden != null ? (long)overridden : _byClass[(int)item.PollClass];
        }

        /// <summary>Backoff after <paramref name="silences"/> consecutive silent transactions.</summary>
        public long BackoffFor(int silences)
        {
            long wait = BackoffBaseMs;
            for (int i = 1; i < silences && wait < BackoffMaxMs; i++)
            {
                wait *= 2;
            }

            return wait < BackoffMaxMs ? wait : BackoffMaxMs;
        }
    }
}
