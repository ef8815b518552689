using System;
using OpenAmi.Gateway.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>The real monotonic clock on both targets: Environment.TickCount64 counts from boot.</summary>
    public sealed class TickCountClock : IMonotonicClock
    {
        public long NowMs => Environment.TickCount64;
    }
}
