using System;
using OpenAmi.Cellular.Modem;
using OpenAmi.Gateway.Ports;
using OpenAmi.Metering.Ports;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// The modem's network time (AT+CCLK?, NITZ) as a gateway time source. On a pole without Wi-Fi nothing else sets the
    /// platform's clock, so the first good answer also sets it; once SNTP or an earlier answer has set it, this source
    /// only answers (the gateway clock cross-checks the sources). The platform registers it with
    /// <see cref="GatewayPorts.AddTimeSource"/>.
    /// </summary>
    public sealed class ModemTimeSource : ITimeSource
    {
        private readonly ModemControl _modem;
        private readonly IClock _wallClock;
        private readonly IWallClockSetter _setter;

        public ModemTimeSource(ModemControl modem, IClock wallClock, IWallClockSetter setter)
        {
            _modem = modem;
            _wallClock = wallClock;
            _setter = setter;
        }

        public string Name => "modem";

        public bool TryGetUtc(out DateTime utc)
        {
            if (!_modem.TryReadNetworkTime(out utc))
            {
                return false;
            }

            if (!_wallClock.IsSynchronized)
            {
                _setter.SetUtc(utc);
            }

            return true;
        }
    }
}
