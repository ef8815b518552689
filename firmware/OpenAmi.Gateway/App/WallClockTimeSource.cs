using System;
using OpenAmi.Metering.Ports;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.App
{
    /// <summary>The platform's wall clock (SNTP or modem time on the device) as Metering's time source; silent until synchronised.</summary>
    internal sealed class WallClockTimeSource : ITimeSource
    {
        private readonly IWallClock _clock;

        public WallClockTimeSource(IWallClock clock)
        {
            _clock = clock;
        }

        public string Name => "wall clock";

        public bool TryGetUtc(out DateTime utc)
        {
            utc = _clock.UtcNow;
            return _clock.IsSynchronized;
        }
    }
}
