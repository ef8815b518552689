namespace OpenAmi.Northbound.Outbox
{
    /// <summary>
    /// Outbox records of one stream (one topic) lost before delivery: how many, their sequence range and the time
    /// span their payloads were stamped with (ticks, 0 when unknown). Merged as losses accumulate, until it is
    /// frozen for reporting (<see cref="ReportTicks"/> set): a frozen range no longer grows, so a re-sent report
    /// is byte-identical to the first.
    /// </summary>
    public sealed class GapRange
    {
        /// <summary>The lost records' topic; null when it could not be read (a corrupted record).</summary>
        public string Topic { get; internal set; }

        public int Count { get; internal set; }

        /// <summary>Of <see cref="Count"/>, records that had been published without a PUBACK: they may have arrived.</summary>
        public int Unconfirmed { get; internal set; }

        public long FirstSequence { get; internal set; }

        public long LastSequence { get; internal set; }

        public long FirstTicks { get; internal set; }

        public long LastTicks { get; internal set; }

        /// <summary>When the range was frozen for its data_gap report (the event's ts); 0 while it may still grow.</summary>
        public long ReportTicks { get; internal set; }

        public bool IsFrozen => ReportTicks != 0;

        internal void Merge(long firstSequence, long lastSequence, int count, int unconfirmed, long ticks)
        {
            if (Count == 0 || firstSequence < FirstSequence)
            {
                FirstSequence = firstSequence;
            }

            if (Count == 0 || lastSequence > LastSequence)
            {
                LastSequence = lastSequence;
            }

            if (ticks != 0 && (FirstTicks == 0 || ticks < FirstTicks))
            {
                FirstTicks = ticks;
            }

            if (ticks > LastTicks)
            {
                LastTicks = ticks;
            }

            Count += count;
            Unconfirmed += unconfirmed;
        }
    }
}
