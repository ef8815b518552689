using System;
using OpenAmi.Cellular.At;
using OpenAmi.Cellular.Ports;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Cellular.Modem
{
    /// <summary>
    /// Brings the modem to a usable state and answers questions about it: PWRKEY power-up, echo off and numeric errors,
    /// SIM and registration checks, signal strength and network time. Every method takes the channel's lock.
    /// </summary>
    public sealed class ModemControl : IUrcHandler
    {
        private const int ShortTimeoutMs = 3000;
        private const int ProbeTimeoutMs = 500;
        private const int ProbeAttempts = 3;

        private static readonly byte[] CpinPrefix = AtText.Bytes("+CPIN:");
        private static readonly byte[] CpinReady = AtText.Bytes("+CPIN: READY");
        private static readonly byte[] CregPrefix = AtText.Bytes("+CREG:");
        private static readonly byte[] CeregPrefix = AtText.Bytes("+CEREG:");
        private static readonly byte[] CsqPrefix = AtText.Bytes("+CSQ:");
        private static readonly byte[] CclkPrefix = AtText.Bytes("+CCLK:");
        private static readonly byte[] SmsDone = AtText.Bytes("SMS DONE");
        private static readonly byte[] PbDone = AtText.Bytes("PB DONE");

        private readonly AtChannel _channel;
        private readonly IPowerKey _powerKey;
        private readonly ModemOptions _options;
        private bool _initialized;
        private bool _bannerSeen;

        public ModemControl(AtChannel channel, IPowerKey powerKey, ModemOptions options)
        {
            _channel = channel;
            _powerKey = powerKey;
            _options = options;
            channel.AddHandler(this);
        }

        /// <summary>Times the modem restarted on its own since boot (power cut on its rail, firmware crash).</summary>
        public int Restarts { get; private set; }

        /// <summary>
        /// Makes sure the modem answers and is configured: AT+CMEE? as the probe (with a PWRKEY power-on when silent), ATE0 (no echo, V.250
        /// section 6.2.4), AT+CMEE=1 (numeric +CME ERROR, 27.007 section 9.1), AT+CTZU=1 (SIMCom: update the clock from
        /// network time, NITZ), and the APN. Repeated after every restart.
        /// </summary>
        public void EnsureReady()
        {
            lock (_channel.Sync)
            {
                if (_initialized)
                {
                    return;
                }

                if (!Probe())
                {
                    PowerOn();
                }

                Run("ATE0", "ATE0");
                Run("AT+CMEE=1", "AT+CMEE");
                Run("AT+CTZU=1", "AT+CTZU");
                if (_options.Apn != null)
                {
                    _channel.Command.Begin("AT+CGDCONT=1,\"IP\",").Quoted(_options.Apn);
                    _channel.ExecuteOk(null, ShortTimeoutMs, "AT+CGDCONT");
                }

                _initialized = true;
            }
        }

        /// <summary>AT+CPIN? must answer READY (3GPP TS 27.007 section 8.3).</summary>
        public void RequireSimReady()
        {
            lock (_channel.Sync)
            {
                _channel.Command.Begin("AT+CPIN?");
                _channel.ExecuteOk(CpinPrefix, ShortTimeoutMs, "AT+CPIN?");
                AtResponse response = _channel.Response;
                if (response.Count == 0 || !SameBytes(response, 0, CpinReady))
                {
                    string state = response.Count == 0 ? "no answer" : AtText.Describe(response.Buffer, response.LengthOf(0));
                    throw new ModemException(ModemErrorKind.SimNotReady, -1, state);
                }
            }
        }

        /// <summary>
        /// Registered on LTE (AT+CEREG?, 27.007 section 10.1.22) or circuit-switched (AT+CREG?, section 7.2): &lt;stat&gt;
        /// 1 = home, 5 = roaming.
        /// </summary>
        public void RequireRegistered()
        {
            lock (_channel.Sync)
            {
                int eps = QueryRegistration("AT+CEREG?", CeregPrefix);
                if (eps == 1 || eps == 5)
                {
                    return;
                }

                int cs = QueryRegistration("AT+CREG?", CregPrefix);
                if (cs == 1 || cs == 5)
                {
                    return;
                }

                throw new ModemException(ModemErrorKind.NotRegistered, eps, "CEREG stat " + eps.ToString() + ", CREG stat " + cs.ToString());
            }
        }

        /// <summary>
        /// Received signal from AT+CSQ (27.007 section 8.5): &lt;rssi&gt; 0 = -113 dBm or less, 1 = -111, 2..30 = -109..-53
        /// in 2 dB steps, 31 = -51 or more, 99 = not known or not detectable → <see cref="SignalStrength.UnknownDbm"/>.
        /// </summary>
        public int ReadSignalDbm()
        {
            lock (_channel.Sync)
            {
                _channel.Command.Begin("AT+CSQ");
                _channel.ExecuteOk(CsqPrefix, ShortTimeoutMs, "AT+CSQ");
                int rssi = _channel.Response.IntField(0, CsqPrefix.Length, 0);
                return RssiToDbm(rssi);
            }
        }

        public static int RssiToDbm(int rssi) => rssi >= 0 && rssi <= 31 ? -113 + (2 * rssi) : SignalStrength.UnknownDbm;

        /// <summary>
        /// Network time for the gateway clock: AT+CCLK? (27.007 section 8.15) answers "yy/MM/dd,hh:mm:ss±zz", local time
        /// with the offset in quarter hours; false when the modem has not had network time (year before
        /// <see cref="ModemOptions.MinimumValidYear"/>) or the answer is malformed.
        /// </summary>
        public bool TryReadNetworkTime(out DateTime utc)
        {
            lock (_channel.Sync)
            {
                // Assigned inside the lock: a plain store, not the lock's Monitor.Enter call, must precede the try (nanoCLR).
                utc = DateTime.MinValue;
                try
                {
                    EnsureReady();
                    _channel.Command.Begin("AT+CCLK?");
                    _channel.ExecuteOk(CclkPrefix, ShortTimeoutMs, "AT+CCLK?");
                }
                catch (ModemException)
                {
                    return false;
                }

                AtResponse response = _channel.Response;
                return response.Count > 0 && NetworkTime.TryParse(response.Buffer, response.Start(0) + CclkPrefix.Length, response.LengthOf(0) - CclkPrefix.Length, _options.MinimumValidYear, out utc);
            }
        }

        /// <summary>
        /// Stores a file (the broker's CA certificate, PEM) in the modem's certificate area: AT+CCERTDOWN="name",len, then
        /// the bytes after the prompt (SIMCom SSL AT command manual, AT+CCERTDOWN).
        /// </summary>
        public void StoreCertificate(string fileName, byte[] content, int offset, int count)
        {
            lock (_channel.Sync)
            {
                EnsureReady();
                _channel.Command.Begin("AT+CCERTDOWN=").Quoted(fileName).Comma().Append(count);
                _channel.RequireOk(_channel.ExecuteWithData(content, offset, count, 10000), "AT+CCERTDOWN");
            }
        }

        int IUrcHandler.OnUrc(byte[] line, int count)
        {
            // Start-up chatter after the banner: SIM state and phonebook/SMS readiness carry nothing the link needs.
            if (AtText.StartsWith(line, count, CpinPrefix) || AtText.IsExactly(line, count, SmsDone) || AtText.IsExactly(line, count, PbDone))
            {
                return 0;
            }

            // Unsolicited registration changes (+CREG: <stat> with n=1): registration is queried when it matters.
            if (AtText.StartsWith(line, count, CregPrefix) || AtText.StartsWith(line, count, CeregPrefix))
            {
                return 0;
            }

            return -1;
        }

        void IUrcHandler.OnData(byte[] buffer, int offset, int count)
        {
        }

        void IUrcHandler.OnModemReset()
        {
            _bannerSeen = true;
            if (_initialized)
            {
                Restarts++;
            }

            _initialized = false;
        }

        private bool Probe()
        {
            for (int attempt = 0; attempt < ProbeAttempts; attempt++)
            {
                if (_channel.Resynchronize(ProbeTimeoutMs))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Presses PWRKEY, then waits for the start-up banner or an answer to AT.</summary>
        private void PowerOn()
        {
            _bannerSeen = false;
            _powerKey.SetPressed(true);
            _channel.Port.Delay(_options.PowerKeyPulseMs);
            _powerKey.SetPressed(false);

            long deadline = _channel.Clock.NowMs + _options.BootTimeoutMs;
            while (!_bannerSeen && _channel.Pump(deadline))
            {
            }

            // Banner or not (autobauding modems print none), the modem must now answer AT.
            if (!Probe())
            {
                throw new ModemException(ModemErrorKind.NoResponse, -1, "no answer to AT after PWRKEY");
            }
        }

        private int QueryRegistration(string command, byte[] prefix)
        {
            _channel.Command.Begin(command);
            _channel.ExecuteOk(prefix, ShortTimeoutMs, command);

            // Read form: +CREG: <n>,<stat>[,…]; the second field is the state.
            int stat = _channel.Response.IntField(0, prefix.Length, 1);
            return stat == AtText.NoValue ? -1 : stat;
        }

        private void Run(string command, string what)
        {
            _channel.Command.Begin(command);
            _channel.ExecuteOk(null, ShortTimeoutMs, what);
        }

        private static bool SameBytes(AtResponse response, int line, byte[] text)
        {
            if (response.LengthOf(line) != text.Length)
            {
                return false;
            }

            byte[] buffer = response.Buffer;
            int start = response.Start(line);
            for (int i = 0; i < text.Length; i++)
            {
                if (buffer[start + i] != text[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
