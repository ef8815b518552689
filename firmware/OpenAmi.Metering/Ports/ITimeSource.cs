using System;

namespace OpenAmi.Metering.Ports
{
    /// <summary>A source of true UTC for the gateway: SNTP, the modem's network time, a GPS.</summary>
    public interface ITimeSource
    {
        string Name { get; }

        /// <summary>Asks the source for the time now; false when it cannot answer.</summary>
        bool TryGetUtc(out DateTime utc);
    }
}
