using System;

namespace OpenAmi.Northbound.Ports
{
    /// <summary>UTC wall clock plus whether it has been set since boot (the ESP32 has no battery-backed RTC).</summary>
    public interface IClock
    {
        DateTime UtcNow { get; }

        bool IsSynchronized { get; }
    }
}
