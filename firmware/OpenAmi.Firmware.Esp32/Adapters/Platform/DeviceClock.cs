using System;
using System.Threading;
using OpenAmi.Platform;
using nanoFramework.Runtime.Native;
using OpenAmi.Gateway.Ports;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Platform
{
    /// <summary>
    /// Time on the ESP32: Environment.TickCount64 for every library's monotonic clock, DateTime.UtcNow for the wall clock.
    /// The board has no battery-backed RTC, so UTC is trusted only once something set it (SNTP after Wi-Fi, modem network
    /// time, meter clock): the setter calls <see cref="MarkSynchronized"/>, or sets it through <see cref="SetUtc"/>
    /// (Rtc.SetSystemTime, settimeofday on the ESP32: nanoframework/nf-interpreter
    /// targets/ESP32/_nanoCLR/nanoFramework.Runtime.Native/nf_rt_native_nanoFramework_Runtime_Native_Rtc.cpp).
    /// </summary>
    public sealed class DeviceClock : IWallClock, IWallClockSetter, IMonotonicClock
    {
        private int _synchronized;

        public DateTime UtcNow => DateTime.UtcNow;

        public bool IsSynchronized => Interlocked.CompareExchange(ref _synchronized, 0, 0) != 0;

        public long NowMs => Environment.TickCount64;

        public void MarkSynchronized() => Interlocked.Exchange(ref _synchronized, 1);

        /// <summary>Sets the system clock (whole seconds) and trusts it from then on.</summary>
        public void SetUtc(DateTime utc)
        {
            if (!Rtc.SetSystemTime(utc))
            {
                throw new InvalidOperationException("Rtc.SetSystemTime refused the time");
            }

            MarkSynchronized();
        }
    }
}
