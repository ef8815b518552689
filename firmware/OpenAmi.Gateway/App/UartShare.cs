using OpenAmi.Gateway.Buses;
using OpenAmi.Gateway.Scheduling;

namespace OpenAmi.Gateway.App
{
    /// <summary>One route of a time-shared UART: the bus's work runs only while it holds the route.</summary>
    public sealed class UartShare
    {
        /// <summary>Another thread holds the UART (a bench read-out): try again shortly rather than block the loop.</summary>
        private const long BusyRetryMs = 200;

        private readonly IBusArbiter _arbiter;
        private readonly int _route;

        public UartShare(IBusArbiter arbiter, int route)
        {
            _arbiter = arbiter;
            _route = route;
        }

        /// <summary>Runs one bus transaction step holding the route; returns its next due time.</summary>
        public long Run(TaskStep step, long nowMs)
        {
            if (!_arbiter.TryAcquire(_route, 0))
            {
                return nowMs + BusyRetryMs;
            }

            try
            {
                return step(nowMs);
            }
            finally
            {
                _arbiter.Release(_route);
            }
        }
    }
}
