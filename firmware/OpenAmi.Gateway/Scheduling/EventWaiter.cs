using System.Threading;
using OpenAmi.Gateway.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>
    /// The real waiter on both targets. Waits are chunked because WaitOne takes an int and the device's
    /// timer granularity is about 10 ms anyway.
    /// </summary>
    public sealed class EventWaiter : IWaiter
    {
        private const long MaxChunkMs = 60000;
        private readonly IMonotonicClock _clock;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);

        public EventWaiter(IMonotonicClock clock)
        {
            _clock = clock;
        }

        public bool WaitUntil(long dueMs)
        {
            while (true)
            {
                long remaining = dueMs - _clock.NowMs;
                if (remaining <= 0)
                {
                    return false;
                }

                int chunk = (int)(remaining < MaxChunkMs ? remaining : MaxChunkMs);
                if (_wake.WaitOne(chunk, false))
                {
                    return true;
                }
            }
        }

        public void Wake()
        {
            _wake.Set();
        }
    }
}
