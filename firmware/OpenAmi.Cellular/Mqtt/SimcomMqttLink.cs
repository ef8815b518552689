using System;
using System.Collections;
using System.Text;
using OpenAmi.Cellular.At;
using OpenAmi.Cellular.Modem;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Mqtt;

namespace OpenAmi.Cellular.Mqtt
{
    /// <summary>
    /// <see cref="IMqttLink"/> over the SIMCom MQTT(S) AT commands (SIM7500_SIM7600_SIM7800 Series MQTT AT Command Manual
    /// V1.00; A76XX Series MQTT(S) Application Note): the modem runs the MQTT client, this class drives it. One PUBLISH is
    /// outstanding in the modem at a time (its topic/payload buffers are per client), so a second Publish first waits for
    /// the previous +CMQTTPUB result. Events are queued while the AT lock is held and raised by <see cref="Service"/>
    /// outside it, so a PUBACK handler may call back into the link without deadlock. Any publish failure ends the session:
    /// the link never re-sends; the outbox re-sends after the owner reconnects.
    /// </summary>
    public sealed class SimcomMqttLink : IMqttLink, IUrcHandler
    {
        private const int ClientIndex = 0;
        private const int SslContext = 0;
        private const int Pending = -1;
        private const int ShortTimeoutMs = 3000;
        private const int InputTimeoutMs = 5000;

        /// <summary>AT+CMQTTSTART: "Maximum Response Time 120000ms" (A76XX/SIM7600 MQTT(S) command table).</summary>
        private const int StartTimeoutMs = 120000;

        /// <summary>
        /// AT+CMQTTDISC &lt;timeout&gt; in seconds: the command accepts 0 or 60..180 (A7600 Series MQTT(S) Application Note,
        /// SIM7500_SIM7600 Series MQTT(S) AT Command Manual, AT+CMQTTDISC); a value outside that range is refused with ERROR.
        /// </summary>
        private const int DisconnectTimeoutSeconds = 120;

        /// <summary>AT+CMQTTPUB &lt;pub_timeout&gt; range of both manuals.</summary>
        private const int MinPublishTimeoutSeconds = 60;
        private const int MaxPublishTimeoutSeconds = 180;

        /// <summary>AT+CMQTTCFG="version" value for MQTT 3.1.1 (A76xx; the module defaults to 3 = MQTT 3.1).</summary>
        private const int Mqtt311 = 4;

        /// <summary>Extra wait over the modem's own &lt;pub_timeout&gt; before the link gives up on a +CMQTTPUB result.</summary>
        private const int PublishMarginMs = 5000;

        private static readonly byte[] MqttPrefix = AtText.Bytes("+CMQTT");
        private static readonly byte[] StartUrc = AtText.Bytes("+CMQTTSTART:");
        private static readonly byte[] StopUrc = AtText.Bytes("+CMQTTSTOP:");
        private static readonly byte[] ConnectUrc = AtText.Bytes("+CMQTTCONNECT:");
        private static readonly byte[] DiscUrc = AtText.Bytes("+CMQTTDISC:");
        private static readonly byte[] PubUrc = AtText.Bytes("+CMQTTPUB:");
        private static readonly byte[] SubUrc = AtText.Bytes("+CMQTTSUB:");
        private static readonly byte[] ConnLostUrc = AtText.Bytes("+CMQTTCONNLOST:");
        private static readonly byte[] NoNetUrc = AtText.Bytes("+CMQTTNONET");
        private static readonly byte[] PingUrc = AtText.Bytes("+CMQTTPING:");
        private static readonly byte[] RxStartUrc = AtText.Bytes("+CMQTTRXSTART:");
        private static readonly byte[] RxTopicUrc = AtText.Bytes("+CMQTTRXTOPIC:");
        private static readonly byte[] RxPayloadUrc = AtText.Bytes("+CMQTTRXPAYLOAD:");
        private static readonly byte[] RxEndUrc = AtText.Bytes("+CMQTTRXEND:");

        private readonly AtChannel _channel;
        private readonly ModemControl _modem;
        private readonly CellularMqttOptions _options;
        private readonly byte[] _topicBytes = new byte[512];

        private readonly object _eventSync = new object();
        private readonly int[] _acks = new int[16];
        private readonly ArrayList _messages = new ArrayList();
        private int _ackHead;
        private int _ackCount;
        private bool _lostEvent;

        private readonly byte[] _rxTopic;
        private readonly byte[] _rxPayload;
        private int _rxTopicLength;
        private int _rxPayloadLength;
        private int _rxTopicTotal;
        private int _rxPayloadTotal;
        private bool _rxIntoPayload;
        private bool _rxActive;
        private bool _rxOverflow;

        private bool _connected;
        private bool _started;
        private bool _acquired;
        private bool _publishPending;
        private int _publishPacketId;
        private int _publishQos;
        private long _publishDeadline;
        private int _startResult = Pending;
        private int _stopResult = Pending;
        private int _commandError = Pending;
        private int _connectResult = Pending;
        private int _discResult = Pending;
        private int _subResult = Pending;

        /// <exception cref="ArgumentOutOfRangeException">PublishTimeoutSeconds outside what AT+CMQTTPUB accepts (60..180).</exception>
        public SimcomMqttLink(AtChannel channel, ModemControl modem, CellularMqttOptions options)
        {
            if (options.PublishTimeoutSeconds < MinPublishTimeoutSeconds || options.PublishTimeoutSeconds > MaxPublishTimeoutSeconds)
            {
                throw new ArgumentOutOfRangeException("options", "PublishTimeoutSeconds must be 60..180 (AT+CMQTTPUB <pub_timeout>), not " + options.PublishTimeoutSeconds.ToString());
            }

            _channel = channel;
            _modem = modem;
            _options = options;
            _rxTopic = new byte[options.MaxIncomingTopic];
            _rxPayload = new byte[options.MaxIncomingPayload];
            channel.AddHandler(this);
        }

        public event MqttMessageHandler MessageReceived;

        public event MqttAckHandler PublishAcknowledged;

        public event MqttLinkHandler ConnectionLost;

        public bool IsConnected => _connected;

        /// <summary>Why the last session ended or the last connect failed (diagnostics).</summary>
        public string LastError { get; private set; }

        /// <summary>Incoming messages dropped: larger than the buffers, or cut short by the modem.</summary>
        public int DroppedMessages { get; private set; }

        /// <summary>Publish confirmations that found the event queue full (the outbox re-sends those after a reconnect).</summary>
        public int DroppedAcks { get; private set; }

        /// <summary>
        /// Reads unsolicited results (PUBACK confirmations, received messages, connection loss) for up to
        /// <paramref name="maxWaitMs"/>, then raises the queued events on the calling thread. Call it from a loop.
        /// </summary>
        public void Service(int maxWaitMs)
        {
            lock (_channel.Sync)
            {
                // Computed before the try: a call must not be the last instruction before a try on nanoCLR.
                long deadline = _channel.Clock.NowMs + maxWaitMs;
                try
                {
                    while (_channel.Pump(deadline))
                    {
                        deadline = _channel.Clock.NowMs;
                    }

                    if (_publishPending && _channel.Clock.NowMs >= _publishDeadline)
                    {
                        MarkLost("no +CMQTTPUB result within the publish timeout");
                    }
                }
                catch (ModemException error)
                {
                    MarkLost(error.Message);
                }
            }

            DeliverEvents();
        }

        public void Connect(MqttConnectOptions options)
        {
            lock (_channel.Sync)
            {
                _connected = false;
                _publishPending = false;
                try
                {
                    _modem.EnsureReady();
                    _modem.RequireSimReady();
                    _modem.RequireRegistered();
                    StartService();
                    if (_acquired)
                    {
                        // A session of ours that dropped (+CMQTTPING, +CMQTTCONNLOST) may still be connected in the modem.
                        EndClientSession();
                    }

                    Acquire(options.ClientId);
                    if (_options.Family == ModemFamily.A76xx)
                    {
                        // The A76xx speaks MQTT 3.1 unless told otherwise (A7600 Series MQTT(S) Application Note, AT+CMQTTCFG).
                        Begin("AT+CMQTTCFG=\"version\",").Append(ClientIndex).Comma().Append(Mqtt311);
                        RequireOk(_channel.Execute(null, ShortTimeoutMs), "AT+CMQTTCFG version");
                    }

                    if (_options.UseTls)
                    {
                        ConfigureTls();
                    }

                    if (options.WillTopic != null && options.WillPayload != null)
                    {
                        SetWill(options);
                    }

                    ConnectBroker(options);
                }
                catch (ModemException error)
                {
                    LastError = error.Message;
                    throw;
                }

                _connected = true;
                LastError = null;
                lock (_eventSync)
                {
                    _lostEvent = false;
                }
            }
        }

        public void Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain, int packetId, bool duplicate)
        {
            lock (_channel.Sync)
            {
                RequireConnected();
                if (count < 1)
                {
                    // AT+CMQTTPAYLOAD <req_length> starts at 1. Bad input: the session stays up.
                    throw new ModemException(ModemErrorKind.InvalidArgument, -1, "the modem cannot publish an empty payload");
                }

                // Before the try: its result is a local store, so no call is the last instruction before the try (nanoCLR).
                int topicLength = EncodeTopic(topic);
                try
                {
                    AwaitPublishSlot();
                    RequireConnected();
                    Begin("AT+CMQTTTOPIC=").Append(ClientIndex).Comma().Append(topicLength);
                    RequireOk(_channel.ExecuteWithData(_topicBytes, 0, topicLength, InputTimeoutMs), "AT+CMQTTTOPIC");
                    Begin("AT+CMQTTPAYLOAD=").Append(ClientIndex).Comma().Append(count);
                    RequireOk(_channel.ExecuteWithData(payload, offset, count, InputTimeoutMs), "AT+CMQTTPAYLOAD");

                    // AT+CMQTTPUB=<client_index>,<qos>,<pub_timeout>[,<retained>[,<dup>]]; the modem answers OK, then
                    // +CMQTTPUB: <client_index>,<err> once the broker acknowledged (QoS 1) or the packet left (QoS 0).
                    Begin("AT+CMQTTPUB=").Append(ClientIndex).Comma().Append(qos).Comma().Append(_options.PublishTimeoutSeconds)
                        .Comma().Append(retain ? 1 : 0).Comma().Append(duplicate ? 1 : 0);
                    _publishPending = true;
                    _publishPacketId = packetId;
                    _publishQos = qos;
                    _publishDeadline = _channel.Clock.NowMs + (_options.PublishTimeoutSeconds * 1000) + PublishMarginMs;
                    RequireOk(_channel.Execute(null, ShortTimeoutMs), "AT+CMQTTPUB");
                }
                catch (ModemException error)
                {
                    // The session's state in the modem is unknown now: end it, so the owner reconnects and re-sends.
                    MarkLost(error.Message);
                    throw;
                }
            }
        }

        public void Subscribe(string topicFilter, int qos)
        {
            lock (_channel.Sync)
            {
                RequireConnected();

                // Before the try: its result is a local store, so no call is the last instruction before the try (nanoCLR).
                int length = EncodeTopic(topicFilter);
                try
                {
                    AwaitPublishSlot();
                    RequireConnected();
                    Begin("AT+CMQTTSUBTOPIC=").Append(ClientIndex).Comma().Append(length).Comma().Append(qos);
                    RequireOk(_channel.ExecuteWithData(_topicBytes, 0, length, InputTimeoutMs), "AT+CMQTTSUBTOPIC");
                    _subResult = Pending;
                    Begin("AT+CMQTTSUB=").Append(ClientIndex);
                    RequireOk(_channel.Execute(null, ShortTimeoutMs), "AT+CMQTTSUB");
                    WaitResult(ref _subResult, _options.PublishTimeoutSeconds * 1000, "+CMQTTSUB");
                }
                catch (ModemException error)
                {
                    if (error.Kind != ModemErrorKind.Mqtt && error.Kind != ModemErrorKind.CmeError && error.Kind != ModemErrorKind.Error)
                    {
                        MarkLost(error.Message);
                    }

                    throw;
                }

                if (_subResult != SimcomMqttErrors.Success)
                {
                    throw MqttError("subscribe", _subResult);
                }
            }
        }

        public void Disconnect()
        {
            lock (_channel.Sync)
            {
                _connected = false;
                _publishPending = false;
                lock (_eventSync)
                {
                    _lostEvent = false;
                }

                try
                {
                    if (_acquired)
                    {
                        EndClientSession();
                    }

                    if (_started)
                    {
                        _stopResult = Pending;
                        Begin("AT+CMQTTSTOP");
                        _started = false;
                        if (_channel.Execute(null, ShortTimeoutMs) == AtFinal.Ok)
                        {
                            WaitResult(ref _stopResult, StartTimeoutMs, "+CMQTTSTOP");
                        }
                    }
                }
                catch (ModemException error)
                {
                    // Closing regardless: the next Connect releases and restarts whatever is left.
                    LastError = error.Message;
                }
            }
        }

        int IUrcHandler.OnUrc(byte[] line, int count)
        {
            if (!AtText.StartsWith(line, count, MqttPrefix))
            {
                return -1;
            }

            if (AtText.StartsWith(line, count, RxStartUrc))
            {
                _rxTopicTotal = AtText.IntField(line, RxStartUrc.Length, count, 1);
                _rxPayloadTotal = AtText.IntField(line, RxStartUrc.Length, count, 2);
                _rxTopicLength = 0;
                _rxPayloadLength = 0;
                _rxActive = true;
                _rxOverflow = _rxTopicTotal < 0 || _rxPayloadTotal < 0 || _rxTopicTotal > _rxTopic.Length || _rxPayloadTotal > _rxPayload.Length;
                return 0;
            }

            if (AtText.StartsWith(line, count, RxTopicUrc))
            {
                _rxIntoPayload = false;
                return RawLength(line, count, RxTopicUrc.Length);
            }

            if (AtText.StartsWith(line, count, RxPayloadUrc))
            {
                _rxIntoPayload = true;
                return RawLength(line, count, RxPayloadUrc.Length);
            }

            if (AtText.StartsWith(line, count, RxEndUrc))
            {
                FinishReceived();
                return 0;
            }

            if (AtText.StartsWith(line, count, PubUrc))
            {
                OnPublishResult(AtText.IntField(line, PubUrc.Length, count, 1));
            }
            else if (AtText.StartsWith(line, count, ConnLostUrc))
            {
                MarkLost("+CMQTTCONNLOST cause " + AtText.IntField(line, ConnLostUrc.Length, count, 1).ToString());
            }
            else if (AtText.StartsWith(line, count, NoNetUrc))
            {
                // "restart the MQTT service by AT+CMQTTSTART" (MQTT(S) unsolicited result codes).
                _started = false;
                _acquired = false;
                MarkLost("+CMQTTNONET: no network");
            }
            else if (AtText.StartsWith(line, count, PingUrc))
            {
                MarkLost("+CMQTTPING: keep-alive failed");
            }
            else if (AtText.StartsWith(line, count, ConnectUrc))
            {
                _connectResult = AtText.IntField(line, ConnectUrc.Length, count, 1);
            }
            else if (AtText.StartsWith(line, count, SubUrc))
            {
                _subResult = AtText.IntField(line, SubUrc.Length, count, 1);
            }
            else if (AtText.StartsWith(line, count, DiscUrc))
            {
                _discResult = AtText.IntField(line, DiscUrc.Length, count, 1);
            }
            else if (AtText.StartsWith(line, count, StartUrc))
            {
                _startResult = AtText.IntField(line, StartUrc.Length, count, 0);
            }
            else if (AtText.StartsWith(line, count, StopUrc))
            {
                _stopResult = AtText.IntField(line, StopUrc.Length, count, 0);
            }
            else
            {
                // "+CMQTTxxx: <client_index>,<err>" ahead of ERROR: the failing command's own reason (ACCQ, REL, TOPIC,
                // PAYLOAD, WILLTOPIC, CFG …), kept so the error names it instead of a bare ERROR.
                int error = AtText.IntField(line, MqttPrefix.Length, count, 1);
                if (error >= 0)
                {
                    _commandError = error;
                }
            }

            return 0;
        }

        void IUrcHandler.OnData(byte[] buffer, int offset, int count)
        {
            byte[] target = _rxIntoPayload ? _rxPayload : _rxTopic;
            int used = _rxIntoPayload ? _rxPayloadLength : _rxTopicLength;
            int room = target.Length - used;
            if (count > room)
            {
                _rxOverflow = true;
                count = room;
            }

            Array.Copy(buffer, offset, target, used, count);
            if (_rxIntoPayload)
            {
                _rxPayloadLength += count;
            }
            else
            {
                _rxTopicLength += count;
            }
        }

        void IUrcHandler.OnModemReset()
        {
            _started = false;
            _acquired = false;
            _rxActive = false;
            MarkLost("the modem restarted");
        }

        private void StartService()
        {
            if (_started)
            {
                return;
            }

            // AT+CMQTTSTART → OK then +CMQTTSTART: <err>, or +CMQTTSTART: <err> then ERROR (23 = already running).
            Begin("AT+CMQTTSTART");
            RunForResult(ref _startResult, StartTimeoutMs, "+CMQTTSTART");
            if (_startResult != SimcomMqttErrors.Success && _startResult != SimcomMqttErrors.NetworkIsOpened)
            {
                throw MqttError("AT+CMQTTSTART", _startResult);
            }

            _started = true;
        }

        private void Acquire(string clientId)
        {
            for (int attempt = 0; ; attempt++)
            {
                // AT+CMQTTACCQ=<client_index>,"<clientID>",<server_type>; server_type 1 = SSL/TLS.
                Begin("AT+CMQTTACCQ=").Append(ClientIndex).Comma().Quoted(clientId).Comma().Append(_options.UseTls ? 1 : 0);
                AtFinal final = _channel.Execute(null, ShortTimeoutMs);
                if (final == AtFinal.Ok)
                {
                    _acquired = true;
                    return;
                }

                if (_commandError == SimcomMqttErrors.ClientIsUsed && attempt == 0)
                {
                    // Held by an earlier boot of the gateway (the ESP32 restarted, the modem did not), possibly still
                    // connected to the broker: end that session the documented way, then take the client again.
                    EndClientSession();
                    continue;
                }

                RequireOk(final, "AT+CMQTTACCQ");
            }
        }

        /// <summary>
        /// Ends whatever the modem's client 0 holds, in the order SIMCom documents (the OpenSDK MQTT description and the A7600
        /// application note's flow: release follows disconnect): AT+CMQTTDISC first, then AT+CMQTTREL. A client that is not connected answers DISC with an error
        /// (or +CMQTTDISC: 0,&lt;err&gt;), and one not acquired answers REL with an error; both mean there is nothing to end.
        /// </summary>
        private void EndClientSession()
        {
            // AT+CMQTTDISC=<client_index>,<timeout> → OK then +CMQTTDISC: <client_index>,<err> (either order).
            _discResult = Pending;
            Begin("AT+CMQTTDISC=").Append(ClientIndex).Comma().Append(DisconnectTimeoutSeconds);
            if (_channel.Execute(null, ShortTimeoutMs) == AtFinal.Ok && _discResult == Pending)
            {
                WaitResult(ref _discResult, (DisconnectTimeoutSeconds * 1000) + PublishMarginMs, "+CMQTTDISC");
            }

            Begin("AT+CMQTTREL=").Append(ClientIndex);
            _channel.Execute(null, ShortTimeoutMs);
            _acquired = false;
        }

        private void ConfigureTls()
        {
            // SSL context 0: any TLS version, verify the server against the CA file (SIMCom SSL AT commands,
            // AT+CSSLCFG "sslversion" 4 = all, "authmode" 1 = server authentication, "cacert"), bound with AT+CMQTTSSLCFG.
            Begin("AT+CSSLCFG=\"sslversion\",").Append(SslContext).Append(",4");
            RequireOk(_channel.Execute(null, ShortTimeoutMs), "AT+CSSLCFG sslversion");
            Begin("AT+CSSLCFG=\"authmode\",").Append(SslContext).Append(",1");
            RequireOk(_channel.Execute(null, ShortTimeoutMs), "AT+CSSLCFG authmode");
            Begin("AT+CSSLCFG=\"cacert\",").Append(SslContext).Comma().Quoted(_options.CaCertificateFile);
            RequireOk(_channel.Execute(null, ShortTimeoutMs), "AT+CSSLCFG cacert");
            if (!BrokerHost.IsIpLiteral(_options.Host))
            {
                // Server Name Indication with the host of AT+CMQTTCONNECT, for brokers that route TLS by name. An address
                // literal gets none (RFC 6066 section 3 forbids it in server_name).
                Begin("AT+CSSLCFG=\"enableSNI\",").Append(SslContext).Append(",1");
                RequireOk(_channel.Execute(null, ShortTimeoutMs), "AT+CSSLCFG enableSNI");
            }

            Begin("AT+CMQTTSSLCFG=").Append(ClientIndex).Comma().Append(SslContext);
            RequireOk(_channel.Execute(null, ShortTimeoutMs), "AT+CMQTTSSLCFG");
        }

        private void SetWill(MqttConnectOptions options)
        {
            // AT+CMQTTWILLTOPIC=<client_index>,<req_length> and AT+CMQTTWILLMSG=<client_index>,<req_length>,<qos>, each
            // followed by the bytes after ">". The command set has no will-retain flag (see docs/cellular.md).
            int length = EncodeTopic(options.WillTopic);
            Begin("AT+CMQTTWILLTOPIC=").Append(ClientIndex).Comma().Append(length);
            RequireOk(_channel.ExecuteWithData(_topicBytes, 0, length, InputTimeoutMs), "AT+CMQTTWILLTOPIC");
            byte[] will = options.WillPayload;
            Begin("AT+CMQTTWILLMSG=").Append(ClientIndex).Comma().Append(will.Length).Comma().Append(options.WillQos);
            RequireOk(_channel.ExecuteWithData(will, 0, will.Length, InputTimeoutMs), "AT+CMQTTWILLMSG");
        }

        private void ConnectBroker(MqttConnectOptions options)
        {
            // AT+CMQTTCONNECT=<client_index>,"<server_addr>",<keepalive_time>,<clean_session>[,"<user_name>"[,"<pass_word>"]]
            // with server_addr "tcp://host:port" (TLS is chosen by ACCQ's server_type) → OK, then +CMQTTCONNECT: <idx>,<err>.
            if (options.Username == null && options.Password != null)
            {
                throw new ModemException(ModemErrorKind.InvalidArgument, -1, "a password needs a user name in AT+CMQTTCONNECT");
            }

            AtCommand command = Begin("AT+CMQTTCONNECT=").Append(ClientIndex).Comma().Append("\"tcp://").Append(_options.Host)
                .Append(":").Append(_options.Port).Append("\"").Comma().Append(options.KeepAliveSeconds).Comma().Append(options.CleanSession ? 1 : 0);
            if (options.Username != null)
            {
                command.Comma().Quoted(options.Username);
                if (options.Password != null)
                {
                    command.Comma().Quoted(options.Password);
                }
            }

            RunForResult(ref _connectResult, _options.ConnectTimeoutMs, "+CMQTTCONNECT");
            if (_connectResult != SimcomMqttErrors.Success)
            {
                throw MqttError("connect", _connectResult);
            }
        }

        /// <summary>
        /// Runs the prepared command whose outcome is a result URC: OK then the URC, or the URC then ERROR (both orders
        /// are in the manual). A plain ERROR without the URC is a command failure.
        /// </summary>
        private void RunForResult(ref int slot, int timeoutMs, string what)
        {
            slot = Pending;
            AtFinal final = _channel.Execute(null, ShortTimeoutMs);
            if (final == AtFinal.Ok)
            {
                WaitResult(ref slot, timeoutMs, what);
            }
            else if (slot == Pending)
            {
                RequireOk(final, what);
            }
        }

        private void AwaitPublishSlot()
        {
            while (_publishPending)
            {
                if (!_channel.Pump(_publishDeadline))
                {
                    throw new ModemException(ModemErrorKind.Timeout, -1, "no +CMQTTPUB result within the publish timeout");
                }
            }
        }

        /// <summary>Pumps URCs until the result slot is filled; a restart or the deadline ends the wait.</summary>
        private void WaitResult(ref int slot, int timeoutMs, string what)
        {
            long deadline = _channel.Clock.NowMs + timeoutMs;
            while (slot == Pending)
            {
                bool got = _channel.Pump(deadline);
                if (_channel.TakeReset())
                {
                    throw new ModemException(ModemErrorKind.Reset, -1, "while waiting for " + what);
                }

                if (!got)
                {
                    throw new ModemException(ModemErrorKind.Timeout, -1, "no " + what);
                }
            }
        }

        private void OnPublishResult(int error)
        {
            if (!_publishPending)
            {
                return;
            }

            _publishPending = false;
            if (error != SimcomMqttErrors.Success)
            {
                MarkLost("+CMQTTPUB error " + error.ToString() + " (" + SimcomMqttErrors.Describe(error) + ")");
                return;
            }

            if (_publishQos > 0)
            {
                lock (_eventSync)
                {
                    if (_ackCount == _acks.Length)
                    {
                        DroppedAcks++;
                        return;
                    }

                    _acks[(_ackHead + _ackCount) % _acks.Length] = _publishPacketId;
                    _ackCount++;
                }
            }
        }

        private int RawLength(byte[] line, int count, int prefixLength)
        {
            int length = AtText.IntField(line, prefixLength, count, 1);
            if (length < 0)
            {
                _rxOverflow = true;
                return 0;
            }

            return length;
        }

        private void FinishReceived()
        {
            bool complete = _rxActive && !_rxOverflow && _rxTopicLength == _rxTopicTotal && _rxPayloadLength == _rxPayloadTotal;
            _rxActive = false;
            if (!complete)
            {
                DroppedMessages++;
                return;
            }

            byte[] payload = new byte[_rxPayloadLength];
            Array.Copy(_rxPayload, 0, payload, 0, _rxPayloadLength);
            MqttMessage message = new MqttMessage(Encoding.UTF8.GetString(_rxTopic, 0, _rxTopicLength), payload);
            lock (_eventSync)
            {
                _messages.Add(message);
            }
        }

        private void MarkLost(string reason)
        {
            _publishPending = false;
            if (!_connected)
            {
                return;
            }

            _connected = false;
            LastError = reason;
            lock (_eventSync)
            {
                _lostEvent = true;
            }
        }

        private void DeliverEvents()
        {
            while (true)
            {
                int packetId = -1;
                MqttMessage message = null;
                bool lost = false;
                lock (_eventSync)
                {
                    if (_ackCount > 0)
                    {
                        packetId = _acks[_ackHead];
                        _ackHead = (_ackHead + 1) % _acks.Length;
                        _ackCount--;
                    }
                    else if (_messages.Count > 0)
                    {
                        message = (MqttMessage)_messages[0];
                        _messages.RemoveAt(0);
                    }
                    else if (_lostEvent)
                    {
                        _lostEvent = false;
                        lost = true;
                    }
                    else
                    {
                        return;
                    }
                }

                if (packetId >= 0)
                {
                    PublishAcknowledged?.Invoke(packetId);
                }
                else if (message != null)
                {
                    MessageReceived?.Invoke(message.Topic, message.Payload, 0, message.Payload.Length);
                }
                else if (lost)
                {
                    ConnectionLost?.Invoke();
                }
            }
        }

        private int EncodeTopic(string topic)
        {
            if (topic == null || topic.Length == 0 || topic.Length * 3 > _topicBytes.Length)
            {
                throw new ModemException(ModemErrorKind.InvalidArgument, -1, "topic empty or too long for the modem");
            }

            return Encoding.UTF8.GetBytes(topic, 0, topic.Length, _topicBytes, 0);
        }

        private void RequireConnected()
        {
            if (!_connected)
            {
                throw new NorthboundException("cellular MQTT link not connected" + (LastError == null ? string.Empty : ": " + LastError));
            }
        }

        /// <summary>Starts a command line and forgets the previous command's +CMQTTxxx error.</summary>
        private AtCommand Begin(string command)
        {
            _commandError = Pending;
            return _channel.Command.Begin(command);
        }

        /// <summary>
        /// Anything but OK fails; when the modem named its reason in a "+CMQTTxxx: 0,&lt;err&gt;" line before ERROR, the
        /// error carries that MQTT code and its text, otherwise the bare ERROR / +CME ERROR.
        /// </summary>
        private void RequireOk(AtFinal final, string what)
        {
            if (final != AtFinal.Ok && _commandError > SimcomMqttErrors.Success)
            {
                throw MqttError(what, _commandError);
            }

            _channel.RequireOk(final, what);
        }

        private static ModemException MqttError(string what, int code) =>
            new ModemException(ModemErrorKind.Mqtt, code, what + " error " + code.ToString() + " (" + SimcomMqttErrors.Describe(code) + ")");
    }
}
