using System;
using OpenAmi.Cellular.Modem;
using OpenAmi.Firmware.Esp32.Adapters.Platform;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Modem
{
    /// <summary>
    /// The modem's network time (AT+CCLK?, NITZ) as a gateway time source. On a pole without Wi-Fi nothing else sets the
    /// ESP32's clock, so the first good answer also sets it (<see cref="DeviceClock.SetUtc"/>); once SNTP or an earlier
    /// answer has set it, this source only answers (the gateway clock cross-checks the sources).
    /// </summary>
    public sealed class ModemTimeSource : ITimeSource
    {
        private readonly ModemControl _modem;
        private readonly DeviceClock _clock;

        public ModemTimeSource(ModemControl modem, DeviceClock clock)
        {
            _modem = modem;
            _clock = clock;
        }

        public string Name => "modem";

        public bool TryGetUtc(out DateTime utc)
        {
            if (!_modem.TryReadNetworkTime(out utc))
            {
                return false;
            }

            if (!_clock.IsSynchronized)
            {
                _clock.SetUtc(utc);
            }

            return true;
        }
    }
}
