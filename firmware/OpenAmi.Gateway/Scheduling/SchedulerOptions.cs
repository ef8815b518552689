namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>
    /// Fairness bounds. A due task of a lower lane that has waited this long runs before every
    /// non-promoted task, so a burst of commands cannot stop meter reads and reads cannot stop the
    /// outbox flush.
    /// </summary>
    public sealed class SchedulerOptions
    {
        public SchedulerOptions(long pollingPromoteAfterMs, long housekeepingPromoteAfterMs, long faultRetryMs)
        {
            PollingPromoteAfterMs = pollingPromoteAfterMs;
            HousekeepingPromoteAfterMs = housekeepingPromoteAfterMs;
            FaultRetryMs = faultRetryMs;
        }

        /// <summary>
        /// Polling waits at most 30 s behind commands; housekeeping at most 10 s behind anything (it carries the
        /// outbox flush and status, which must not starve while a feeder sweep runs); a failing
        /// self-scheduling step is retried after 5 s instead of spinning.
        /// </summary>
        public static SchedulerOptions Default => new SchedulerOptions(30000, 10000, 5000);

        public long PollingPromoteAfterMs { get; }

        public long HousekeepingPromoteAfterMs { get; }

        public long FaultRetryMs { get; }
    }
}
