using System;

namespace OpenAmi.Northbound.Commands
{
    /// <summary>
    /// How many rejection acks may be written per minute. Every ack is an outbox record on flash, so input that
    /// costs a sender nothing must not be able to buy unbounded writes: beyond the budget a rejection is only counted.
    /// Windows follow the wall clock; one that steps back starts a new window.
    /// </summary>
    public sealed class AckBudget
    {
        private static readonly TimeSpan Window = new TimeSpan(0, 1, 0);

        private readonly int _perMinute;
        private DateTime _windowStart;
        private int _used;

        public AckBudget(int perMinute)
        {
            _perMinute = perMinute;
        }

        /// <summary>Rejections left without an ack since boot.</summary>
        public long Suppressed { get; private set; }

        /// <summary>True when one more ack fits the current window (and counts it); otherwise counts a suppressed one.</summary>
        public bool TryTake(DateTime now)
        {
            if (now < _windowStart || now - _windowStart >= Window)
            {
                _windowStart = now;
                _used = 0;
            }

            if (_used < _perMinute)
            {
                _used++;
                return true;
            }

            Suppressed++;
            return false;
        }
    }
}
