using System;

namespace OpenAmi.Platform
{
    /// <summary>A source of true UTC the gateway clock ranks: the wall clock once set (SNTP), the modem's network time, a GPS.</summary>
    public interface ITimeSource
    {
        string Name { get; }

        /// <summary>Asks the source for the time now; false when it cannot answer.</summary>
        bool TryGetUtc(out DateTime utc);
    }
}
