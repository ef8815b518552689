using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Metering.Polling;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Wiring
{
    /// <summary>
    /// Puts one bus's <see cref="PollScheduler"/> on the gateway's polling lane: each scheduler step is one
    /// bus transaction, so commands and housekeeping get the loop between transactions. When no more work
    /// is due (the sweep is over) the bridge publishes the envelope it is still gathering.
    /// </summary>
    public static class PollingTask
    {
        /// <summary>One transaction; returns when the poller next has work.</summary>
        public static long Step(PollScheduler poller, TelemetryBridge bridge, IMonotonicClock clock)
        {
            bool worked = poller.Step();
            long next = poller.NextDueMs();
            if (!worked || next > clock.NowMs)
            {
                bridge.Flush();
            }

            return next;
        }
    }
}
