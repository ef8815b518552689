using System;

namespace OpenAmi.Gateway.Ports
{
    /// <summary>Sets the platform's UTC wall clock (device: the RTC the SNTP client also sets); used by the clock-sync command.</summary>
    public interface IWallClockSetter
    {
        void SetUtc(DateTime utc);
    }
}
