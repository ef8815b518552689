using System;
using System.Threading;
using OpenAmi.Northbound.Ports;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Platform
{
    /// <summary>
    /// Time on the ESP32: Environment.TickCount64 for every library's monotonic clock, DateTime.UtcNow for the wall clock.
    /// The board has no battery-backed RTC, so UTC is trusted only once something set it (SNTP after Wi-Fi, modem network
    /// time, meter clock): the setter calls <see cref="MarkSynchronized"/>.
    /// </summary>
    public sealed class DeviceClock : IClock, ISafetyClock, OpenAmi.Cellular.Ports.IMonotonicClock, OpenAmi.Metering.Ports.IMonotonicClock, OpenAmi.Gateway.Ports.IMonotonicClock
    {
        private static readonly DateTime UnixEpoch = new DateTime(1970, 1, 1, 0, 0, 0);
        private int _synchronized;

        public DateTime UtcNow => DateTime.UtcNow;

        public bool IsSynchronized => Interlocked.CompareExchange(ref _synchronized, 0, 0) != 0;

        public long NowMs => Environment.TickCount64;

        public long MonotonicMilliseconds => Environment.TickCount64;

        public void MarkSynchronized() => Interlocked.Exchange(ref _synchronized, 1);

        public bool TryGetUnixSeconds(out long unixSeconds)
        {
            if (!IsSynchronized)
            {
                unixSeconds = 0;
                return false;
            }

            unixSeconds = (DateTime.UtcNow.Ticks - UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
            return true;
        }

        public void Sleep(int milliseconds) => Thread.Sleep(milliseconds);
    }
}
