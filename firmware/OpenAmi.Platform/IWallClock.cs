using System;

namespace OpenAmi.Platform
{
    /// <summary>
    /// UTC wall clock plus whether it has been set since boot: the ESP32 has no battery-backed RTC, so UTC is trusted
    /// only once a time source (SNTP, the modem's network time, a meter) or a clock-sync command set it.
    /// </summary>
    public interface IWallClock
    {
        DateTime UtcNow { get; }

        bool IsSynchronized { get; }
    }
}
