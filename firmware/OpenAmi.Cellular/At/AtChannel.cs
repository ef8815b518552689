using OpenAmi.Platform;

namespace OpenAmi.Cellular.At
{
    /// <summary>
    /// The AT dialogue over one modem UART: runs one command at a time to its final result code, sends data after the
    /// "&gt;" prompt, collects information responses by prefix, and hands every other line — unsolicited result codes,
    /// which may arrive before, inside or after any command — to the registered <see cref="IUrcHandler"/>s. Callers hold
    /// <see cref="Sync"/> around a command (or a group of commands that must not interleave).
    /// </summary>
    public sealed class AtChannel
    {
        // Start-up banners: SIM7600 prints "RDY" (SIM7500_SIM7600 Series AT Command Manual, "Unsolicited result codes"),
        // A76xx prints "*ATREADY: 1" (A76XX Series AT Command Manual, power-on URCs). Either means every session is gone.
        private static readonly byte[] Rdy = AtText.Bytes("RDY");
        private static readonly byte[] AtReady = AtText.Bytes("*ATREADY: 1");
        private static readonly byte[] Ok = AtText.Bytes("OK");
        private static readonly byte[] Error = AtText.Bytes("ERROR");
        private static readonly byte[] CmeError = AtText.Bytes("+CME ERROR:");
        private static readonly byte[] CmsError = AtText.Bytes("+CMS ERROR:");

        // The synchronising command: a read of the error mode (27.007 section 9.1) answers with a line no other command
        // produces, so every final result code before that line is a stale one.
        private static readonly byte[] SyncCommand = AtText.Bytes("AT+CMEE?\r");
        private static readonly byte[] SyncEcho = AtText.Bytes("AT+CMEE?");
        private static readonly byte[] SyncAnswer = AtText.Bytes("+CMEE:");

        private const int ResyncTimeoutMs = 3000;

        /// <summary>Raw data follows its header line at once; a stall this long means the frame is broken.</summary>
        private const int RawDataTimeoutMs = 2000;

        private readonly IByteLink _port;
        private readonly IMonotonicClock _clock;
        private readonly AtLineReader _reader;
        private readonly AtCommand _command;
        private readonly AtResponse _response = new AtResponse(4, 256);
        private readonly IUrcHandler[] _handlers = new IUrcHandler[4];
        private int _handlerCount;
        private bool _resetSeen;
        private bool _resyncNeeded;

        public AtChannel(IByteLink port, IMonotonicClock clock, int lineCapacity)
        {
            _port = port;
            _clock = clock;
            _reader = new AtLineReader(port, clock, lineCapacity);
            _command = new AtCommand(lineCapacity);
        }

        /// <summary>Lock held by whoever runs commands (the MQTT link and modem control share one UART).</summary>
        public object Sync { get; } = new object();

        public IMonotonicClock Clock => _clock;

        public IByteLink Port => _port;

        /// <summary>The command buffer to fill before <see cref="Execute"/>.</summary>
        public AtCommand Command => _command;

        /// <summary>Information responses of the last command.</summary>
        public AtResponse Response => _response;

        /// <summary>The number after +CME ERROR: / +CMS ERROR: of the last command, -1 otherwise.</summary>
        public int LastErrorCode { get; private set; } = -1;

        /// <summary>Lines nobody claimed (noise, URCs of features not in use, stray result codes).</summary>
        public int IgnoredLines { get; private set; }

        public int OverlongLines => _reader.OverlongLines;

        public void AddHandler(IUrcHandler handler) => _handlers[_handlerCount++] = handler;

        /// <summary>
        /// Sends <see cref="Command"/> and waits for its final result code; information lines starting with
        /// <paramref name="responsePrefix"/> (may be null) go to <see cref="Response"/>. Throws on timeout or restart.
        /// </summary>
        public AtFinal Execute(byte[] responsePrefix, int timeoutMs) => Run(responsePrefix, null, 0, 0, timeoutMs);

        /// <summary>
        /// Sends <see cref="Command"/>, waits for the "&gt;" prompt, writes the data, then waits for the final result
        /// (the SIMCom length-prefixed input commands: AT+CMQTTTOPIC, AT+CMQTTPAYLOAD, AT+CCERTDOWN …).
        /// </summary>
        public AtFinal ExecuteWithData(byte[] data, int offset, int count, int timeoutMs) => Run(null, data, offset, count, timeoutMs);

        /// <summary>Like <see cref="Execute"/>, but anything other than OK is a <see cref="ModemException"/>.</summary>
        public void ExecuteOk(byte[] responsePrefix, int timeoutMs, string what) => RequireOk(Execute(responsePrefix, timeoutMs), what);

        public void RequireOk(AtFinal result, string what)
        {
            switch (result)
            {
                case AtFinal.Ok:
                    return;
                case AtFinal.CmeError:
                case AtFinal.CmsError:
                    throw new ModemException(ModemErrorKind.CmeError, LastErrorCode, what + " failed with error " + LastErrorCode.ToString());
                default:
                    throw new ModemException(ModemErrorKind.Error, -1, what + " failed");
            }
        }

        /// <summary>
        /// Handles at most one unsolicited line, waiting until <paramref name="deadlineMs"/>; false when nothing came.
        /// Used between commands and while waiting for a SIMCom result URC (+CMQTTCONNECT: …).
        /// </summary>
        public bool Pump(long deadlineMs)
        {
            AtToken token = _reader.Next(deadlineMs, false);
            if (token == AtToken.None)
            {
                return false;
            }

            if (Classify() < 0)
            {
                Dispatch();
            }
            else
            {
                // A final result code with no command running: the late answer to a command that timed out.
                IgnoredLines++;
            }

            return true;
        }

        /// <summary>Clears the restart flag once the caller has acted on it.</summary>
        public bool TakeReset()
        {
            bool seen = _resetSeen;
            _resetSeen = false;
            return seen;
        }

        private AtFinal Run(byte[] responsePrefix, byte[] data, int offset, int count, int timeoutMs)
        {
            if (_resyncNeeded && !Resynchronize(ResyncTimeoutMs))
            {
                throw new ModemException(ModemErrorKind.Timeout, -1, "modem silent before " + CommandText());
            }

            _response.Clear();
            LastErrorCode = -1;
            _resetSeen = false;
            int length = _command.Terminate();
            _port.Write(_command.Buffer, 0, length);

            long deadline = _clock.NowMs + timeoutMs;
            bool dataSent = data == null;
            while (true)
            {
                AtToken token = _reader.Next(deadline, !dataSent);
                if (token == AtToken.None)
                {
                    _resyncNeeded = true;
                    throw new ModemException(ModemErrorKind.Timeout, -1, (dataSent ? "no result for " : "no prompt for ") + CommandText());
                }

                if (token == AtToken.Prompt)
                {
                    _port.Write(data, offset, count);
                    dataSent = true;
                    continue;
                }

                byte[] line = _reader.Line;
                int lineLength = _reader.LineLength;
                if (IsEcho(line, lineLength))
                {
                    continue;
                }

                int final = Classify();
                if (final >= 0)
                {
                    return (AtFinal)final;
                }

                if (responsePrefix != null && AtText.StartsWith(line, lineLength, responsePrefix))
                {
                    _response.Add(line, lineLength);
                    continue;
                }

                Dispatch();
                if (_resetSeen)
                {
                    throw new ModemException(ModemErrorKind.Reset, -1, "during " + CommandText());
                }
            }
        }

        /// <summary>The final result code of the current line, or -1 when it is not one.</summary>
        private int Classify()
        {
            byte[] line = _reader.Line;
            int length = _reader.LineLength;
            if (AtText.IsExactly(line, length, Ok))
            {
                return (int)AtFinal.Ok;
            }

            if (AtText.IsExactly(line, length, Error))
            {
                return (int)AtFinal.Error;
            }

            if (AtText.StartsWith(line, length, CmeError))
            {
                LastErrorCode = AtText.IntField(line, CmeError.Length, length, 0);
                return (int)AtFinal.CmeError;
            }

            if (AtText.StartsWith(line, length, CmsError))
            {
                LastErrorCode = AtText.IntField(line, CmsError.Length, length, 0);
                return (int)AtFinal.CmsError;
            }

            return -1;
        }

        private void Dispatch()
        {
            byte[] line = _reader.Line;
            int length = _reader.LineLength;
            if (AtText.IsExactly(line, length, Rdy) || AtText.IsExactly(line, length, AtReady))
            {
                _resetSeen = true;
                for (int i = 0; i < _handlerCount; i++)
                {
                    _handlers[i].OnModemReset();
                }

                return;
            }

            for (int i = 0; i < _handlerCount; i++)
            {
                int raw = _handlers[i].OnUrc(line, length);
                if (raw < 0)
                {
                    continue;
                }

                if (raw > 0)
                {
                    DeliverRaw(_handlers[i], raw);
                }

                return;
            }

            IgnoredLines++;
        }

        private void DeliverRaw(IUrcHandler handler, int remaining)
        {
            long deadline = _clock.NowMs + RawDataTimeoutMs;
            while (remaining > 0)
            {
                int n = _reader.NextRaw(deadline, remaining, out int offset);
                if (n == 0)
                {
                    _resyncNeeded = true;
                    throw new ModemException(ModemErrorKind.Protocol, -1, "raw data stopped " + remaining.ToString() + " bytes short");
                }

                handler.OnData(_reader.RawBuffer, offset, n);
                remaining -= n;
            }
        }

        /// <summary>
        /// Proves the modem answers and that no late result is still on its way: sends AT+CMEE? and discards every final
        /// result code that comes before its "+CMEE:" line. Doubles as the liveness probe. False when the modem is silent.
        /// </summary>
        public bool Resynchronize(int timeoutMs)
        {
            while (Pump(_clock.NowMs))
            {
            }

            _resetSeen = false;
            _port.Write(SyncCommand, 0, SyncCommand.Length);
            long deadline = _clock.NowMs + timeoutMs;
            bool answered = false;
            while (true)
            {
                if (_reader.Next(deadline, false) == AtToken.None)
                {
                    _resyncNeeded = true;
                    return false;
                }

                byte[] line = _reader.Line;
                int length = _reader.LineLength;
                if (AtText.IsExactly(line, length, SyncEcho))
                {
                    continue;
                }

                if (AtText.StartsWith(line, length, SyncAnswer))
                {
                    answered = true;
                    continue;
                }

                if (Classify() >= 0)
                {
                    if (answered)
                    {
                        _resyncNeeded = false;
                        return true;
                    }

                    IgnoredLines++;
                    continue;
                }

                Dispatch();
            }
        }

        private bool IsEcho(byte[] line, int length)
        {
            int commandLength = _command.Length;
            if (length != commandLength)
            {
                return false;
            }

            byte[] command = _command.Buffer;
            for (int i = 0; i < length; i++)
            {
                if (line[i] != command[i])
                {
                    return false;
                }
            }

            return true;
        }

        private string CommandText() => AtText.Describe(_command.Buffer, _command.Length);
    }
}
