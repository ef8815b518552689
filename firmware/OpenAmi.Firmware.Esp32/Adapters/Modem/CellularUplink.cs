using System;
using System.Diagnostics;
using System.Threading;
using OpenAmi.Cellular.At;
using OpenAmi.Cellular.Fallback;
using OpenAmi.Cellular.Modem;
using OpenAmi.Cellular.Mqtt;
using OpenAmi.Cellular.Ports;
using OpenAmi.Firmware.Esp32.Adapters.Platform;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Watchdog;
using OpenAmi.Northbound.Mqtt;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Firmware.Esp32.Adapters.Modem
{
    /// <summary>
    /// The northbound uplink as one <see cref="IMqttLink"/> (<see cref="Link"/>): Wi-Fi (M2Mqtt) first, the SIMCom modem's
    /// MQTT stack on COM3 second (docs/cellular.md). The modem link raises its events only from Service, so a thread of its
    /// own calls <c>Cellular.Service(50)</c> in a loop and <c>Link.Service()</c> every few seconds (the switch back to
    /// Wi-Fi), and stores the broker's CA certificate in the modem until that has succeeded once.
    /// </summary>
    public sealed class CellularUplink
    {
        // Long enough for AT+CMQTTCONNECT with user, password and a broker URL.
        private const int AtLineCapacity = 512;
        private const int ServiceWaitMs = 50;
        private const int FallbackServiceMs = 5000;
        private const int CertificateRetryMs = 300000;
        private const int ErrorPauseMs = 1000;
        private const int SignalReadMs = 60000;
        private const int NetworkTimeRetryMs = 60000;
        private const int NetworkTimeRefreshMs = 3600000;

        private readonly DeviceClock _clock;
        private readonly byte[] _caCertificate;
        private readonly CellularMqttOptions _options;
        private WatchdogLease _lease;
        private bool _certificateStored;
        private int _cellularSignalDbm = SignalStrength.UnknownDbm;

        /// <param name="caCertificate">The broker's CA, PEM (the modem accepts PEM only); the same file M2Mqtt uses. Null for a plain-MQTT bench broker.</param>
        public CellularUplink(IByteLink modemPort, IPowerKey powerKey, DeviceClock clock, IMqttLink wifiMqtt, ILinkHealth wifiHealth, GatewayConfig config, byte[] caCertificate)
        {
            _clock = clock;
            _caCertificate = caCertificate;
            var channel = new AtChannel(modemPort, clock, AtLineCapacity);
            Modem = new ModemControl(channel, powerKey, new ModemOptions { Apn = config.Cellular.Apn });
            _options = new CellularMqttOptions { Host = config.Northbound.Host, Port = config.Northbound.Port, Family = config.Cellular.Module, UseTls = config.Northbound.Tls };
            _certificateStored = caCertificate == null;
            Cellular = new SimcomMqttLink(channel, Modem, _options);
            Link = new FallbackMqttLink(wifiMqtt, Cellular, wifiHealth, clock, new FallbackOptions());
            Time = new ModemTimeSource(Modem, clock, clock, clock);
        }

        /// <summary>The link to hand to the gateway's uplink.</summary>
        public FallbackMqttLink Link { get; }

        public SimcomMqttLink Cellular { get; }

        public ModemControl Modem { get; }

        /// <summary>Network time from the modem, for the gateway clock's sources.</summary>
        public ModemTimeSource Time { get; }

        /// <summary>
        /// The received signal of the route in use, dBm: the modem's AT+CSQ, read by the service thread about once a minute
        /// while the session is on cellular. Unknown on Wi-Fi: the device's Wi-Fi API gives no RSSI of the joined access point.
        /// </summary>
        public int SignalDbm => Link.Route == LinkRoute.Secondary ? _cellularSignalDbm : SignalStrength.UnknownDbm;

        /// <summary>
        /// Starts the service thread. <paramref name="lease"/> must allow the longest AT exchange the loop can wait behind
        /// (AT+CMQTTSTART may take 120 s, a connect 60 s more).
        /// </summary>
        public void Start(WatchdogLease lease)
        {
            _lease = lease;
            new Thread(Run).Start();
        }

        private void Run()
        {
            long nextFallback = 0;
            long nextCertificate = 0;
            long nextSignal = 0;
            long nextTime = 0;
            while (true)
            {
                try
                {
                    Cellular.Service(ServiceWaitMs);
                    long now = _clock.NowMs;
                    if (now >= nextFallback)
                    {
                        Link.Service();
                        nextFallback = now + FallbackServiceMs;
                    }

                    if (!_certificateStored && now >= nextCertificate)
                    {
                        nextCertificate = now + CertificateRetryMs;
                        Modem.StoreCertificate(_options.CaCertificateFile, _caCertificate, 0, _caCertificate.Length);
                        _certificateStored = true;
                    }

                    if (now >= nextTime)
                    {
                        Time.Poll();
                        nextTime = now + (Time.HasAnswer ? NetworkTimeRefreshMs : NetworkTimeRetryMs);
                    }

                    if (Link.Route == LinkRoute.Secondary && now >= nextSignal)
                    {
                        nextSignal = now + SignalReadMs;
                        _cellularSignalDbm = SignalStrength.UnknownDbm;
                        _cellularSignalDbm = Modem.ReadSignalDbm();
                    }
                }
                catch (Exception error)
                {
                    // A modem that is off, has no SIM or misbehaves must not end the loop: the uplink retries on reconnect.
                    Debug.WriteLine("modem service: " + error.Message);
                    Thread.Sleep(ErrorPauseMs);
                }

                _lease.CheckIn();
            }
        }
    }
}
