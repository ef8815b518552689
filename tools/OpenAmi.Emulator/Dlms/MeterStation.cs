using System.Globalization;
using System.Text;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Iec21;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Dlms;

/// <summary>
/// The meter side of the wire, independent of how bytes reach it: bytes in through <see cref="Receive"/>,
/// answers out through its port (write, delay, baud change). RS-485 meters speak HDLC at once; optical meters
/// start in IEC 62056-21 mode (300 Bd 7E1) and go to HDLC (mode E) or send a readout (mode C) on request, and
/// fall back to 300 Bd after DISC. <see cref="EmulatedMeter"/> runs it on a thread of a real-time bus, the
/// feeder emulator calls it synchronously in simulated time.
/// </summary>
public sealed class MeterStation
{
    private readonly IByteLink _port;
    private readonly HdlcServerLink _hdlc;
    private readonly HdlcFrameReader _reader = new(0);
    private readonly HdlcFrame _frame = new();
    private readonly List<byte> _line = new();
    private Mode _mode;
    private bool _identified;
    private bool _programmingAuthorised;

    private enum Mode { Hdlc, OpticalIdle, Programming }

    /// <param name="port">Where answers go; the station configures it for the sign-on and for HDLC.</param>
    public MeterStation(MeterProfile profile, EmulatedMeterState state, IByteLink port)
    {
        Profile = profile;
        State = state;
        Server = new DlmsServer(state);
        _port = port;
        _hdlc = new HdlcServerLink(profile, Server.Handle, SendFrame);
        _hdlc.LinkReset += Server.Reset;
        _mode = profile.OpticalOnly ? Mode.OpticalIdle : Mode.Hdlc;
    }

    public MeterProfile Profile { get; }
    public EmulatedMeterState State { get; }
    public DlmsServer Server { get; }
    public FaultPlan Faults { get; } = new();
    /// <summary>Turnaround before answering (real meters need a few ms).</summary>
    public int TurnaroundMs { get; set; } = 2;
    public int FramesReceived { get; private set; }
    public int BadFramesReceived { get; private set; }

    /// <summary>True while an optical meter waits for a sign-on (300 Bd 7E1).</summary>
    public bool AwaitingSignOn => _mode == Mode.OpticalIdle;

    /// <summary>
    /// The peer went quiet for longer than the meter's inactivity timeout (HDLC setup, IEC 62056-46, 120 s typical):
    /// the link and its association are dropped, and an optical port listens for a sign-on at 300 Bd again.
    /// </summary>
    public void TimeOutLink()
    {
        _hdlc.Drop();
        _reader.Clear();
        if (Profile.OpticalOnly)
        {
            _port.Configure(Iec21Session.SignOnBaud, LineFormat.SevenEvenOne);
            _mode = Mode.OpticalIdle;
            _identified = false;
        }
    }

    /// <summary>Takes bytes off the wire and answers what they complete. A bad request never stops the meter.</summary>
    public void Receive(byte[] buffer, int count)
    {
        try
        {
            if (_mode == Mode.OpticalIdle)
            {
                OnOpticalBytes(buffer, count);
            }
            else if (_mode == Mode.Programming)
            {
                OnProgrammingBytes(buffer, count);
            }
            else
            {
                OnHdlcBytes(buffer, count);
            }
        }
        catch (Exception e) when (e is not ThreadInterruptedException)
        {
            // The client will see silence and retry.
            BadFramesReceived++;
        }
    }

    private void OnHdlcBytes(byte[] buffer, int n)
    {
        _reader.Append(buffer, 0, n);
        while (_reader.TryRead(_frame))
        {
            if (!_frame.Valid || !_hdlc.IsForMe(_frame))
            {
                if (!_frame.Valid)
                {
                    BadFramesReceived++;
                }

                continue;
            }

            FramesReceived++;
            bool disc = _frame.Type == HdlcFrameType.DISC;
            _hdlc.OnFrame(_frame);
            if (disc && Profile.OpticalOnly)
            {
                _port.Configure(Iec21Session.SignOnBaud, LineFormat.SevenEvenOne);
                _mode = Mode.OpticalIdle;
                _identified = false;
                _reader.Clear();
            }
        }
    }

    private void SendFrame(byte[] frame)
    {
        if (Faults.ReplyDelayMs > 0)
        {
            _port.Delay(Faults.ReplyDelayMs);
        }

        _port.Delay(TurnaroundMs);
        if (Faults.TakeSilence())
        {
            return;
        }

        var copy = (byte[])frame.Clone();
        if (Faults.TakeCorrupt())
        {
            copy[copy.Length / 2] ^= 0x10;
        }

        if (Faults.TakeWrongFcs())
        {
            copy[^2] ^= 0xFF;
        }

        if (Faults.TakeGarbage())
        {
            _port.Write(new byte[] { 0x00, 0x7E, 0x55, 0xA0 }, 0, 4);
        }

        _port.Write(copy, 0, copy.Length);
    }

    private void OnOpticalBytes(byte[] buffer, int n)
    {
        for (int i = 0; i < n; i++)
        {
            byte b = (byte)(buffer[i] & 0x7F);
            _line.Add(b);
            if (_line.Count > 128)
            {
                _line.RemoveAt(0);
            }

            if (_line.Count >= 2 && _line[^2] == 0x0D && _line[^1] == 0x0A)
            {
                var message = _line.ToArray();
                _line.Clear();
                OnOpticalMessage(message);
                if (_mode == Mode.Hdlc)
                {
                    // Anything after the ACK belongs to the HDLC phase.
                    if (i + 1 < n)
                    {
                        OnHdlcBytes(buffer[(i + 1)..n], n - i - 1);
                    }

                    return;
                }
            }
        }
    }

    private void OnOpticalMessage(byte[] message)
    {
        int start = Array.LastIndexOf(message, (byte)'/');
        if (start >= 0 && message.Length - start >= 5 && message[start + 1] == (byte)'?' && message[^3] == (byte)'!')
        {
            string address = Encoding.ASCII.GetString(message, start + 2, message.Length - start - 5);
            if (address.Length > 0 && address != Profile.Serial)
            {
                return; // addressed to another meter on the same optical bus
            }

            _port.Delay(Iec21.ReactionTimeMs);
            var identification = Encoding.ASCII.GetBytes("/" + Profile.OpticalIdentification + "\r\n");
            _port.Write(identification, 0, identification.Length);
            _identified = true;
            return;
        }

        int ack = Array.LastIndexOf(message, Iec21.Ack);
        if (!_identified || ack < 0 || message.Length - ack != 6)
        {
            return;
        }

        char protocol = (char)message[ack + 1];
        int baud = Iec21.BaudRateOf((char)message[ack + 2]);
        char mode = (char)message[ack + 3];
        if (baud == 0 || baud > Iec21.BaudRateOf(Profile.OpticalBaudCharacter))
        {
            return;
        }

        if (protocol == Iec21.ProtocolHdlc && mode == Iec21.ModeBinary)
        {
            _port.Configure(baud, LineFormat.EightNoneOne);
            _mode = Mode.Hdlc;
            _reader.Clear();
        }
        else if (mode == Iec21.ModeProgramming && protocol == Iec21.ProtocolNormal)
        {
            _port.Configure(baud, LineFormat.SevenEvenOne);
            _port.Delay(Iec21.ReactionTimeMs);
            // P0: the operand of a secure algorithm; this meter compares passwords (P1) and sends its serial.
            SendCommand(Iec21CommandMessage.PasswordCommand, '0', "(" + Profile.Serial + ")");
            _mode = Mode.Programming;
            _programmingAuthorised = false;
        }
        else if (mode == Iec21.ModeReadout)
        {
            _port.Configure(baud, LineFormat.SevenEvenOne);
            _port.Delay(Iec21.ReactionTimeMs);
            var readout = ReadoutMessage();
            _port.Write(readout, 0, readout.Length);
            _port.Configure(Iec21Session.SignOnBaud, LineFormat.SevenEvenOne);
            _identified = false;
        }
    }

    /// <summary>Mode C data message: STX data sets "!" CR LF ETX BCC.</summary>
    public byte[] ReadoutMessage()
    {
        var text = new StringBuilder();
        foreach (var (address, value) in DataSets())
        {
            text.Append(address).Append('(').Append(value).Append(")\r\n");
        }

        return DataMessage(text.Append("!\r\n").ToString());
    }

    /// <summary>The registers the optical port offers, by address: "value" or "value*unit".</summary>
    private (string Address, string Value)[] DataSets()
    {
        var s = State;
        var inv = CultureInfo.InvariantCulture;
        return new[]
        {
            ("0.0.0", Profile.Serial),
            ("1.8.0", (s.EnergyImportWh / 1000.0).ToString("000000.000", inv) + "*kWh"),
            ("2.8.0", (s.EnergyExportWh / 1000.0).ToString("000000.000", inv) + "*kWh"),
            ("32.7.0", s.VoltageV.ToString("000.0", inv) + "*V"),
            ("14.7.0", s.FrequencyHz.ToString("00.00", inv) + "*Hz"),
        };
    }

    /// <summary>STX text ETX BCC.</summary>
    private static byte[] DataMessage(string text)
    {
        var body = Encoding.ASCII.GetBytes(text);
        var message = new byte[body.Length + 3];
        message[0] = Iec21.Stx;
        Array.Copy(body, 0, message, 1, body.Length);
        message[^2] = Iec21.Etx;
        message[^1] = Iec21.Bcc(message, 1, message.Length - 2);
        return message;
    }

    /// <summary>Programming mode (IEC 62056-21 §6.3.7): P1 password, R1 reads, B0 break; one command message at a time.</summary>
    private void OnProgrammingBytes(byte[] buffer, int n)
    {
        for (int i = 0; i < n; i++)
        {
            _line.Add((byte)(buffer[i] & 0x7F));
            int soh = _line.IndexOf(Iec21.Soh);
            if (soh < 0)
            {
                _line.Clear();
                continue;
            }

            if (_line.Count - soh < 5 || _line[^2] != Iec21.Etx)
            {
                continue;
            }

            var bytes = _line.GetRange(soh, _line.Count - soh).ToArray();
            _line.Clear();
            OnCommand(bytes);
            if (_mode != Mode.Programming)
            {
                return;
            }
        }
    }

    private void OnCommand(byte[] bytes)
    {
        Iec21CommandMessage? command = null;
        try
        {
            command = Iec21CommandMessage.Parse(bytes, 0, bytes.Length);
        }
        catch (OpenAmi.Dlms.DlmsException)
        {
            // Answered with NAK below, like a BCC error.
        }

        _port.Delay(TurnaroundMs);
        if (command == null || !command.BccValid)
        {
            SendByte(Iec21.Nak); // §6.3.6: a garbled message is answered with NAK (repeat request)
            return;
        }

        switch ("" + command.Command + command.Type)
        {
            case "P1":
                _programmingAuthorised = command.Data == "(" + Profile.ProgrammingPassword + ")";
                SendByte(_programmingAuthorised ? Iec21.Ack : Iec21.Nak);
                break;
            case "R1":
                string address = command.Data == null ? "" : command.Data.Split('(')[0];
                string? value = null;
                foreach (var set in DataSets())
                {
                    value = set.Address == address ? set.Value : value;
                }

                var answer = DataMessage(_programmingAuthorised && value != null ? address + "(" + value + ")" : "(ERROR)");
                _port.Write(answer, 0, answer.Length);
                break;
            case "B0":
            case "B1":
                _port.Configure(Iec21Session.SignOnBaud, LineFormat.SevenEvenOne);
                _mode = Mode.OpticalIdle;
                _identified = false;
                break;
            default:
                SendByte(Iec21.Nak);
                break;
        }
    }

    private void SendCommand(char command, char type, string data)
    {
        var buffer = new byte[data.Length + 6];
        int n = Iec21CommandMessage.Write(command, type, data, buffer, 0);
        _port.Write(buffer, 0, n);
    }

    private void SendByte(byte value) => _port.Write(new[] { value }, 0, 1);
}
