using System;
using OpenAmi.Cellular.Modem;
using OpenAmi.Gateway.Ports;
using OpenAmi.Metering.Ports;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// The modem's network time (AT+CCLK?, NITZ) as a gateway time source. The modem's own service thread asks the
    /// modem (<see cref="Poll"/>): an AT exchange may wait behind a minutes-long MQTT start, which the scheduler's thread
    /// must never do, so the gateway clock gets the last answer carried forward by the monotonic clock. On a pole
    /// without Wi-Fi nothing else sets the platform's clock, so the first good answer also sets it; once SNTP or an
    /// earlier answer has set it, this source only answers (the gateway clock cross-checks the sources). The platform
    /// registers it with <see cref="GatewayPorts.AddTimeSource"/>.
    /// </summary>
    public sealed class ModemTimeSource : ITimeSource
    {
        private readonly ModemControl _modem;
        private readonly IWallClock _wallClock;
        private readonly IWallClockSetter _setter;
        private readonly IMonotonicClock _mono;
        private readonly object _sync = new object();
        private bool _answered;
        private DateTime _answerUtc;
        private long _answerMs;

        public ModemTimeSource(ModemControl modem, IWallClock wallClock, IWallClockSetter setter, IMonotonicClock mono)
        {
            _modem = modem;
            _wallClock = wallClock;
            _setter = setter;
            _mono = mono;
        }

        public string Name => "modem";

        /// <summary>Whether the modem has given network time since boot.</summary>
        public bool HasAnswer
        {
            get
            {
                lock (_sync)
                {
                    return _answered;
                }
            }
        }

        /// <summary>Asks the modem for network time; on the modem's service thread only.</summary>
        public void Poll()
        {
            DateTime utc;
            if (!_modem.TryReadNetworkTime(out utc))
            {
                return;
            }

            long now = _mono.NowMs;
            lock (_sync)
            {
                _answered = true;
                _answerUtc = utc;
                _answerMs = now;
            }

            if (!_wallClock.IsSynchronized)
            {
                _setter.SetUtc(utc);
            }
        }

        public bool TryGetUtc(out DateTime utc)
        {
            lock (_sync)
            {
                utc = _answered ? _answerUtc.AddMilliseconds(_mono.NowMs - _answerMs) : DateTime.MinValue;
                return _answered;
            }
        }
    }
}
