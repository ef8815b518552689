namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>
    /// A task known to the <see cref="Scheduler"/> and its run statistics. Exactly one of
    /// <c>Step</c> (self-scheduling) or <c>Work</c> (periodic when <see cref="PeriodMs"/> &gt; 0, else one-shot) is set.
    /// </summary>
    public sealed class ScheduledTask
    {
        /// <summary>Returned by a <see cref="TaskStep"/> that has nothing more to do.</summary>
        public const long Done = long.MinValue;

        internal ScheduledTask(string name, Lane lane, long dueMs, long periodMs, TaskStep step, WorkStep work, long order)
        {
            Name = name;
            Lane = lane;
            DueMs = dueMs;
            PeriodMs = periodMs;
            Step = step;
            Work = work;
            Order = order;
        }

        public string Name { get; }

        public Lane Lane { get; }

        /// <summary>0 for self-scheduling and one-shot tasks.</summary>
        public long PeriodMs { get; }

        /// <summary>When the task is next due (monotonic ms).</summary>
        public long DueMs { get; internal set; }

        public long Runs { get; internal set; }

        public long Faults { get; internal set; }

        /// <summary>Periodic runs skipped because the loop fell behind by more than a period.</summary>
        public long Skipped { get; internal set; }

        /// <summary>Total time spent inside the task's steps.</summary>
        public long BusyMs { get; internal set; }

        /// <summary>Worst delay between due time and start: how well the loop keeps up.</summary>
        public long MaxLatencyMs { get; internal set; }

        /// <summary>True once the task finished or was removed; it will not run again.</summary>
        public bool IsFinished { get; internal set; }

        internal TaskStep Step { get; }

        internal WorkStep Work { get; }

        /// <summary>Registration order, the last tie-breaker, so equal tasks run in a deterministic order.</summary>
        internal long Order { get; }
    }
}
