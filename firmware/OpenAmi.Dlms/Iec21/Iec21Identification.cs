using System;
using System.Text;

namespace OpenAmi.Dlms.Iec21
{
    /// <summary>
    /// The identification message of IEC 62056-21 §6.3.2: "/XXXZ[\W]Ident CR LF" — manufacturer (3 chars;
    /// a lowercase third char means the meter reacts within 20 ms), baud rate character, optional escape
    /// sequences ("\2" announces mode E / HDLC), identification text.
    /// </summary>
    public sealed class Iec21Identification
    {
        public string Manufacturer { get; private set; }
        public char BaudCharacter { get; private set; }
        /// <summary>Baud rate the meter offers (modes C and E); 0 for characters this library does not map.</summary>
        public int BaudRate => Iec21.BaudRateOf(BaudCharacter);
        /// <summary>True when an escape sequence "\2" offers mode E (binary HDLC after the ACK).</summary>
        public bool ModeE { get; private set; }
        /// <summary>The meter answers within 20 ms instead of 200 ms (lowercase third manufacturer letter).</summary>
        public bool FastReaction { get; private set; }
        public string Identification { get; private set; }

        /// <summary>Parses one identification message (the leading '/' through CR LF).</summary>
        public static Iec21Identification Parse(byte[] buffer, int offset, int count)
        {
            int end = offset + count;
            if (count < 7 || buffer[offset] != (byte)'/' || buffer[end - 2] != 0x0D || buffer[end - 1] != 0x0A)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "identification message must be '/XXXZ…' ending in CR LF");
            }

            for (int i = offset; i < end - 2; i++)
            {
                if (buffer[i] < 0x20 || buffer[i] > 0x7E)
                {
                    throw new DlmsException(DlmsErrorCode.Iec21Protocol, "identification message contains a control character");
                }
            }

            var result = new Iec21Identification
            {
                Manufacturer = Encoding.UTF8.GetString(buffer, offset + 1, 3),
                BaudCharacter = (char)buffer[offset + 4],
            };
            result.FastReaction = buffer[offset + 3] >= 'a' && buffer[offset + 3] <= 'z';
            int p = offset + 5;
            while (p + 1 < end - 2 && buffer[p] == (byte)'\\')
            {
                if (buffer[p + 1] == (byte)'2')
                {
                    result.ModeE = true;
                }

                p += 2;
            }

            result.Identification = Encoding.UTF8.GetString(buffer, p, end - 2 - p);
            return result;
        }
    }

    /// <summary>Constants and message builders of IEC 62056-21.</summary>
    public static class Iec21
    {
        public const byte Soh = 0x01, Stx = 0x02, Etx = 0x03, Ack = 0x06, Nak = 0x15;
        /// <summary>Protocol control character V of the ACK: '0' normal, '2' HDLC (mode E).</summary>
        public const char ProtocolNormal = '0', ProtocolHdlc = '2';
        /// <summary>Mode control character Y: '0' data readout, '1' programming, '2' binary (HDLC).</summary>
        public const char ModeReadout = '0', ModeProgramming = '1', ModeBinary = '2';
        /// <summary>Minimum reaction time t_r (§6.3.14): 200 ms, or 20 ms for fast meters.</summary>
        public const int ReactionTimeMs = 200;
        public const int FastReactionTimeMs = 20;
        /// <summary>Longest the meter may take to answer a request (t_r maximum).</summary>
        public const int MaxReactionTimeMs = 1500;

        /// <summary>Modes C and E baud rate characters '0'…'6' (300…19200 Bd).</summary>
        public static int BaudRateOf(char c)
        {
            switch (c)
            {
                case '0': return 300;
                case '1': return 600;
                case '2': return 1200;
                case '3': return 2400;
                case '4': return 4800;
                case '5': return 9600;
                case '6': return 19200;
                default: return 0;
            }
        }

        public static char BaudCharacterOf(int baud)
        {
            switch (baud)
            {
                case 300: return '0';
                case 600: return '1';
                case 1200: return '2';
                case 2400: return '3';
                case 4800: return '4';
                case 9600: return '5';
                case 19200: return '6';
                default: throw new DlmsException(DlmsErrorCode.InvalidArgument, "no IEC 62056-21 baud character for " + baud);
            }
        }

        /// <summary>"/?" [device address] "!" CR LF; returns its length.</summary>
        public static int WriteSignOn(string deviceAddress, byte[] buffer, int offset)
        {
            int p = offset;
            buffer[p++] = (byte)'/';
            buffer[p++] = (byte)'?';
            if (deviceAddress != null)
            {
                if (deviceAddress.Length > 32)
                {
                    throw new DlmsException(DlmsErrorCode.InvalidArgument, "device address longer than 32 characters");
                }

                for (int i = 0; i < deviceAddress.Length; i++)
                {
                    char c = deviceAddress[i];
                    if (c < 0x20 || c > 0x7E || c == '!' || c == '/' || c == '?')
                    {
                        throw new DlmsException(DlmsErrorCode.InvalidArgument, "device address has a reserved character");
                    }

                    buffer[p++] = (byte)c;
                }
            }

            buffer[p++] = (byte)'!';
            buffer[p++] = 0x0D;
            buffer[p++] = 0x0A;
            return p - offset;
        }

        /// <summary>Acknowledgement/option select "ACK V Z Y CR LF"; returns 6.</summary>
        public static int WriteAck(char protocol, char baudCharacter, char mode, byte[] buffer, int offset)
        {
            buffer[offset] = Ack;
            buffer[offset + 1] = (byte)protocol;
            buffer[offset + 2] = (byte)baudCharacter;
            buffer[offset + 3] = (byte)mode;
            buffer[offset + 4] = 0x0D;
            buffer[offset + 5] = 0x0A;
            return 6;
        }

        /// <summary>Block check character: XOR of every byte after STX/SOH up to and including ETX/EOT.</summary>
        public static byte Bcc(byte[] buffer, int offset, int count)
        {
            int bcc = 0;
            for (int i = offset; i < offset + count; i++)
            {
                bcc ^= buffer[i];
            }

            return (byte)bcc;
        }
    }
}
