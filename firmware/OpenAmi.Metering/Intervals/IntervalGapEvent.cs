using System;
using OpenAmi.Metering.Data;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// Whole intervals of a meter without a load profile for which the gateway holds no good reading (the meter was
    /// silent, or the gateway off): nothing can fill them later, so the head-end is told which slots stay empty.
    /// </summary>
    public sealed class IntervalGapEvent : MeteringEvent
    {
        private IntervalGapEvent() : base(MeteringEventKind.IntervalGap) { }

        /// <summary>Start of the first missing interval, UTC ticks.</summary>
        public long FirstUtcTicks { get; private set; }

        /// <summary>Start of the last missing interval, UTC ticks.</summary>
        public long LastUtcTicks { get; private set; }

        public int IntervalS { get; private set; }

        public long Count { get; private set; }

        /// <summary>
        /// The intervals strictly between the slot of the last good reading (<paramref name="markedSlotTicks"/>) and the
        /// slot of the good reading now (<paramref name="slotTicks"/>), both interval starts; null when they are adjacent.
        /// </summary>
        public static IntervalGapEvent Between(long markedSlotTicks, long slotTicks, int intervalS)
        {
            if (intervalS <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(intervalS));
            }

            long length = intervalS * TimeSpan.TicksPerSecond;
            long count = (slotTicks - markedSlotTicks) / length - 1;
            if (count <= 0)
            {
                return null;
            }

            var gap = new IntervalGapEvent();
            gap.FirstUtcTicks = markedSlotTicks + length;
            gap.LastUtcTicks = slotTicks - length;
            gap.IntervalS = intervalS;
            gap.Count = count;
            return gap;
        }
    }
}
