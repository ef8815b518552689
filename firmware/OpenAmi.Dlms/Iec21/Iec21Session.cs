using System;
using OpenAmi.Dlms.Link;
using OpenAmi.Platform;

namespace OpenAmi.Dlms.Iec21
{
    /// <summary>
    /// Drives the optical port (IEC 62056-21): sign-on at 300 Bd 7E1, identification, and then either the
    /// mode E switch to HDLC at the offered baud rate (8N1) or a mode C data readout. The pauses the standard
    /// asks for (reaction time before answering, the ACK leaving the wire before the baud change) are made
    /// through <see cref="IByteLink.Delay"/>.
    /// </summary>
    public sealed class Iec21Session
    {
        public const int SignOnBaud = 300;

        /// <summary>Room for a mode C readout or a programming-mode answer.</summary>
        public const int ReadoutBufferLength = 2048;

        /// <summary>
        /// Room for a sign-on only (mode E before HDLC): the request "/?" + a device address of up to 32 characters +
        /// "!" CR LF, and an identification line of at most 25 bytes ("/" + 3 letters + baud + "\W" + 16 characters + CR LF),
        /// with slack for an echo or noise before it.
        /// </summary>
        public const int SignOnBufferLength = 128;

        private readonly IByteLink _link;
        private readonly byte[] _buffer;

        public Iec21Session(IByteLink link)
            : this(link, ReadoutBufferLength)
        {
        }

        /// <param name="bufferLength"><see cref="SignOnBufferLength"/> when the session only signs on; a longer answer is refused as too long.</param>
        public Iec21Session(IByteLink link, int bufferLength)
        {
            _link = link;
            _buffer = new byte[bufferLength];
        }

        /// <summary>Highest baud rate to accept from the meter's offer (0 = whatever it offers).</summary>
        public int MaxBaudRate { get; set; }
        /// <summary>Extra settling time after the baud change before the first HDLC frame.</summary>
        public int SettleTimeMs { get; set; } = 50;
        public int ReadoutTimeoutMs { get; set; } = 10000;

        /// <summary>Sends "/?addr!" and returns the parsed identification.</summary>
        public Iec21Identification SignOn(string deviceAddress)
        {
            _link.Configure(SignOnBaud, LineFormat.SevenEvenOne);
            _link.DiscardInput();
            int n = Iec21.WriteSignOn(deviceAddress, _buffer, 0);
            _link.Write(_buffer, 0, n);
            for (int line = 0; line < 3; line++)
            {
                int got = ReadUntilLineEnd(Iec21.MaxReactionTimeMs + WireTimeMs(n + 40, SignOnBaud));
                // Some heads deliver noise before the '/', skip to it.
                int start = 0;
                while (start < got && _buffer[start] != (byte)'/')
                {
                    start++;
                }

                if (start == got)
                {
                    throw new DlmsException(DlmsErrorCode.Timeout, "no identification message after sign-on");
                }

                // An echoing head without EchoSuppressingLink hands our own "/?…!" back first: skip it.
                if (start + 1 < got && _buffer[start + 1] == (byte)'?')
                {
                    continue;
                }

                return Iec21Identification.Parse(_buffer, start, got - start);
            }

            throw new DlmsException(DlmsErrorCode.Iec21Protocol, "only echoes of the sign-on request were received");
        }

        /// <summary>Mode E: ACK 2 Z 2, wait for it to leave the wire, switch to Z Bd 8N1 for HDLC.</summary>
        public int EnterHdlc(Iec21Identification identification)
        {
            if (!identification.ModeE)
            {
                throw new DlmsException(DlmsErrorCode.NotSupported, "meter does not offer mode E (no \\2 in its identification)");
            }

            int baud = ChooseBaud(identification);
            Acknowledge(identification, Iec21.ProtocolHdlc, Iec21.BaudCharacterOf(baud), Iec21.ModeBinary);
            _link.Configure(baud, LineFormat.EightNoneOne);
            _link.Delay(SettleTimeMs);
            _link.DiscardInput();
            return baud;
        }

        /// <summary>Mode C readout: ACK 0 Z 0, switch to Z Bd 7E1, read STX … ETX BCC.</summary>
        public Iec21DataMessage ReadOut(Iec21Identification identification)
        {
            int baud = ChooseBaud(identification);
            Acknowledge(identification, Iec21.ProtocolNormal, Iec21.BaudCharacterOf(baud), Iec21.ModeReadout);
            _link.Configure(baud, LineFormat.SevenEvenOne);
            int count = 0;
            long deadline = Environment.TickCount64 + ReadoutTimeoutMs;
            int etx = -1;
            while (Environment.TickCount64 < deadline)
            {
                if (count == _buffer.Length)
                {
                    throw new DlmsException(DlmsErrorCode.LimitExceeded, "readout longer than " + _buffer.Length + " bytes");
                }

                int n = _link.Read(_buffer, count, _buffer.Length - count, Iec21.MaxReactionTimeMs);
                if (n == 0)
                {
                    break;
                }

                for (int i = count; i < count + n && etx < 0; i++)
                {
                    if (_buffer[i] == Iec21.Etx)
                    {
                        etx = i;
                    }
                }

                count += n;
                if (etx >= 0 && count > etx + 1)
                {
                    int stx = 0;
                    while (stx < etx && _buffer[stx] != Iec21.Stx)
                    {
                        stx++;
                    }

                    var message = Iec21DataMessage.Parse(_buffer, stx, etx + 2 - stx);
                    if (!message.BccValid)
                    {
                        throw new DlmsException(DlmsErrorCode.Iec21Protocol, "readout BCC mismatch");
                    }

                    return message;
                }
            }

            throw new DlmsException(DlmsErrorCode.Timeout, "readout did not complete");
        }

        /// <summary>
        /// Mode C programming mode (§6.3.7): ACK 0 Z 1, switch to Z Bd 7E1 and read the meter's password operand
        /// message (P0; its data is the operand of a secure algorithm, often empty).
        /// </summary>
        public Iec21CommandMessage EnterProgramming(Iec21Identification identification)
        {
            int baud = ChooseBaud(identification);
            Acknowledge(identification, Iec21.ProtocolNormal, Iec21.BaudCharacterOf(baud), Iec21.ModeProgramming);
            _link.Configure(baud, LineFormat.SevenEvenOne);
            int n = ReadMessage();
            if (_buffer[0] != Iec21.Soh)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "meter did not send its password operand after the programming-mode ACK");
            }

            return CheckedCommand(n);
        }

        /// <summary>Sends P1 "(password)"; the meter answers ACK, anything else means the password was refused.</summary>
        public void SendPassword(string password)
        {
            int n = Iec21CommandMessage.Write(Iec21CommandMessage.PasswordCommand, '1', "(" + password + ")", _buffer, 0);
            _link.Write(_buffer, 0, n);
            n = ReadMessage();
            if (n != 1 || _buffer[0] != Iec21.Ack)
            {
                throw new DlmsException(DlmsErrorCode.AuthenticationFailed, "meter refused the programming-mode password");
            }
        }

        /// <summary>R1 "address()": reads one register in programming mode and returns the meter's data set.</summary>
        public Iec21DataSet ReadRegister(string address)
        {
            int n = Iec21CommandMessage.Write(Iec21CommandMessage.ReadCommand, '1', address + "()", _buffer, 0);
            _link.Write(_buffer, 0, n);
            n = ReadMessage();
            if (_buffer[0] != Iec21.Stx)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, n == 1 && _buffer[0] == Iec21.Nak
                    ? "meter answered NAK to the read of " + address : "meter answered the read of " + address + " with no data message");
            }

            var message = Iec21DataMessage.ParseAnswer(_buffer, 0, n);
            if (!message.BccValid || message.DataSets.Length != 1)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "answer to the read of " + address + " has a wrong BCC or not one data set");
            }

            return message.DataSets[0];
        }

        /// <summary>B0: leaves programming mode; the meter falls back to waiting for a sign-on at 300 Bd.</summary>
        public void Break()
        {
            int n = Iec21CommandMessage.Write(Iec21CommandMessage.ExitCommand, '0', null, _buffer, 0);
            _link.Write(_buffer, 0, n);
        }

        /// <summary>Reads one ACK/NAK byte, or one SOH/STX … ETX BCC message, into the buffer; returns its length.</summary>
        private int ReadMessage()
        {
            int count = 0;
            long deadline = Environment.TickCount64 + ReadoutTimeoutMs;
            while (Environment.TickCount64 < deadline)
            {
                if (count == _buffer.Length)
                {
                    throw new DlmsException(DlmsErrorCode.LimitExceeded, "programming-mode message longer than " + _buffer.Length.ToString() + " bytes");
                }

                int n = _link.Read(_buffer, count, _buffer.Length - count, Iec21.MaxReactionTimeMs);
                if (n == 0)
                {
                    break;
                }

                count += n;
                if (_buffer[0] == Iec21.Ack || _buffer[0] == Iec21.Nak)
                {
                    return 1;
                }

                if (count >= 2 && _buffer[count - 2] == Iec21.Etx)
                {
                    return count;
                }
            }

            throw new DlmsException(DlmsErrorCode.Timeout, count == 0 ? "no answer in programming mode" : "programming-mode message incomplete");
        }

        private Iec21CommandMessage CheckedCommand(int count)
        {
            var message = Iec21CommandMessage.Parse(_buffer, 0, count);
            if (!message.BccValid)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "command message BCC mismatch");
            }

            return message;
        }

        private void Acknowledge(Iec21Identification identification, char protocol, char baudCharacter, char mode)
        {
            _link.Delay(identification.FastReaction ? Iec21.FastReactionTimeMs : Iec21.ReactionTimeMs);
            int n = Iec21.WriteAck(protocol, baudCharacter, mode, _buffer, 0);
            // Write returns after the last stop bit; the meter switches then too and waits its reaction time
            // (≥ 200 ms) before talking at the new speed, so we switch at once.
            _link.Write(_buffer, 0, n);
        }

        private int ChooseBaud(Iec21Identification identification)
        {
            int offered = identification.BaudRate;
            if (offered == 0)
            {
                throw new DlmsException(DlmsErrorCode.NotSupported, "baud rate character '" + identification.BaudCharacter + "' is not a mode C/E rate");
            }

            if (MaxBaudRate > 0 && offered > MaxBaudRate)
            {
                return MaxBaudRate;
            }

            return offered;
        }

        private int ReadUntilLineEnd(int timeoutMs)
        {
            int count = 0;
            long deadline = Environment.TickCount64 + timeoutMs;
            while (count < _buffer.Length)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    break;
                }

                int n = _link.Read(_buffer, count, _buffer.Length - count, (int)left);
                if (n == 0)
                {
                    break;
                }

                count += n;
                if (count >= 2 && _buffer[count - 2] == 0x0D && _buffer[count - 1] == 0x0A)
                {
                    return count;
                }
            }

            throw new DlmsException(DlmsErrorCode.Timeout, "identification message incomplete (" + count + " bytes)");
        }

        /// <summary>Time n characters of 10 bits take at the given baud rate (7E1 and 8N1 both use 10 bits).</summary>
        public static int WireTimeMs(int characters, int baud) => (characters * 10 * 1000 + baud - 1) / baud;
    }
}
