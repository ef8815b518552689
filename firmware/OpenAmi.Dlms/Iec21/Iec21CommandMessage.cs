using System.Text;

namespace OpenAmi.Dlms.Iec21
{
    /// <summary>
    /// A programming-mode command message (IEC 62056-21 §6.3.7): SOH C D STX data-set ETX BCC, or SOH C D ETX BCC
    /// for a command without data (the break "B0"). C is the command (P password, W write, R read, E execute,
    /// B exit), D the command type digit; the BCC is the XOR of every byte after SOH up to and including ETX.
    /// </summary>
    public sealed class Iec21CommandMessage
    {
        public const char PasswordCommand = 'P', WriteCommand = 'W', ReadCommand = 'R', ExecuteCommand = 'E', ExitCommand = 'B';

        public Iec21CommandMessage(char command, char type, string data)
        {
            Command = command;
            Type = type;
            Data = data;
        }

        public char Command { get; }
        /// <summary>Command type identifier '0'…'9' (e.g. P1 = password compared with the meter's own).</summary>
        public char Type { get; }
        /// <summary>The data set between STX and ETX ("1.8.0()", "(00000000)"), or null when there is none.</summary>
        public string Data { get; }
        public byte Bcc { get; private set; }
        public bool BccValid { get; private set; }

        /// <summary>What the standard's command table says a command/type pair means, or null for a pair it does not define.</summary>
        public static string Meaning(char command, char type)
        {
            switch ("" + command + type)
            {
                case "P0": return "password: data is an operand for the secure algorithm";
                case "P1": return "password: data is compared with the meter's password";
                case "P2": return "password: data is the result of the secure algorithm";
                case "W1": return "write ASCII-coded data";
                case "W2": return "write, formatted communication coding";
                case "W3": return "write ASCII-coded data, partial block";
                case "W4": return "write, formatted communication coding, partial block";
                case "R1": return "read ASCII-coded data";
                case "R2": return "read, formatted communication coding";
                case "R3": return "read ASCII-coded data, partial block";
                case "R4": return "read, formatted communication coding, partial block";
                case "E2": return "execute, formatted communication coding";
                case "B0": return "break: complete sign-off";
                case "B1": return "break: complete sign-off, battery-operated device";
                default: return null;
            }
        }

        /// <summary>Encodes a command message at buffer[offset]; <paramref name="data"/> null leaves out STX and the data set. Returns its length.</summary>
        public static int Write(char command, char type, string data, byte[] buffer, int offset)
        {
            if (Meaning(command, type) == null)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "IEC 62056-21 defines no command " + command + type);
            }

            int length = 5 + (data == null ? 0 : data.Length + 1);
            if (buffer.Length - offset < length)
            {
                throw new DlmsException(DlmsErrorCode.BufferTooSmall, "command message needs " + length.ToString() + " bytes");
            }

            int p = offset;
            buffer[p++] = Iec21.Soh;
            buffer[p++] = (byte)command;
            buffer[p++] = (byte)type;
            if (data != null)
            {
                buffer[p++] = Iec21.Stx;
                for (int i = 0; i < data.Length; i++)
                {
                    char c = data[i];
                    if (c < 0x20 || c > 0x7E)
                    {
                        throw new DlmsException(DlmsErrorCode.InvalidArgument, "command data must be printable ASCII");
                    }

                    buffer[p++] = (byte)c;
                }
            }

            buffer[p++] = Iec21.Etx;
            buffer[p] = Iec21.Bcc(buffer, offset + 1, p - offset - 1);
            return length;
        }

        /// <summary>Parses exactly one command message (SOH through BCC); the BCC is checked, not enforced.</summary>
        public static Iec21CommandMessage Parse(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            if (count < 5 || buffer[offset] != Iec21.Soh)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "command message must start with SOH C D");
            }

            if (buffer[end - 2] != Iec21.Etx)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "command message must end with ETX and one BCC byte");
            }

            char command = (char)buffer[offset + 1];
            char type = (char)buffer[offset + 2];
            if (Meaning(command, type) == null)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "unknown command identifier " + (command < 0x20 || command > 0x7E ? "?" : "" + command) + (type < 0x20 || type > 0x7E ? "?" : "" + type));
            }

            string data = null;
            if (count > 5)
            {
                if (buffer[offset + 3] != Iec21.Stx)
                {
                    throw new DlmsException(DlmsErrorCode.Iec21Protocol, "command data must follow STX");
                }

                for (int i = offset + 4; i < end - 2; i++)
                {
                    if (buffer[i] < 0x20 || buffer[i] > 0x7E)
                    {
                        throw new DlmsException(DlmsErrorCode.Iec21Protocol, "control character inside the command data");
                    }
                }

                data = Encoding.UTF8.GetString(buffer, offset + 4, end - 2 - offset - 4);
            }

            var message = new Iec21CommandMessage(command, type, data);
            message.Bcc = buffer[end - 1];
            message.BccValid = Iec21.Bcc(buffer, offset + 1, count - 2) == message.Bcc;
            return message;
        }
    }
}
