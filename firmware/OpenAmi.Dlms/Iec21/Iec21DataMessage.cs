using System;
using System.Collections;
using System.Text;

namespace OpenAmi.Dlms.Iec21
{
    /// <summary>One data set "address(value*unit)" of a mode A–D readout.</summary>
    public sealed class Iec21DataSet
    {
        public Iec21DataSet(string address, string value, string unit)
        {
            Address = address;
            Value = value;
            Unit = unit;
        }

        /// <summary>The ID code (usually OBIS C.D.E or A-B:C.D.E*F), "" when a value follows the previous one.</summary>
        public string Address { get; }
        public string Value { get; }
        /// <summary>The unit after '*', or null.</summary>
        public string Unit { get; }
    }

    /// <summary>
    /// A data message (IEC 62056-21 §6.3.3): STX data-block "!" CR LF ETX BCC. Parsing checks the BCC and
    /// the framing; data sets are split at '(' ')' with optional "*unit".
    /// </summary>
    public sealed class Iec21DataMessage
    {
        public Iec21DataSet[] DataSets { get; private set; }
        public byte Bcc { get; private set; }
        public bool BccValid { get; private set; }

        /// <summary>A mode C readout: the data block must end with "!" CR LF.</summary>
        public static Iec21DataMessage Parse(byte[] buffer, int offset, int count) => Parse(buffer, offset, count, true);

        /// <summary>A programming-mode answer (§6.3.7): STX data-set ETX BCC, without the readout's "!" CR LF.</summary>
        public static Iec21DataMessage ParseAnswer(byte[] buffer, int offset, int count) => Parse(buffer, offset, count, false);

        private static Iec21DataMessage Parse(byte[] buffer, int offset, int count, bool readout)
        {
            int end = offset + count;
            if (count < 3 || buffer[offset] != Iec21.Stx)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "data message must start with STX");
            }

            int etx = -1;
            for (int i = offset + 1; i < end; i++)
            {
                if (buffer[i] == Iec21.Etx)
                {
                    etx = i;
                    break;
                }
            }

            if (etx < 0 || etx + 2 != end)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "data message must end with ETX and one BCC byte");
            }

            var message = new Iec21DataMessage
            {
                Bcc = buffer[etx + 1],
            };
            message.BccValid = Iec21.Bcc(buffer, offset + 1, etx - offset) == message.Bcc;
            int blockEnd = etx;
            // The data block ends with "!" CR LF (end of data sets).
            if (blockEnd - 3 > offset && buffer[blockEnd - 3] == (byte)'!' && buffer[blockEnd - 2] == 0x0D && buffer[blockEnd - 1] == 0x0A)
            {
                blockEnd -= 3;
            }
            else if (readout)
            {
                throw new DlmsException(DlmsErrorCode.Iec21Protocol, "data block must end with '!' CR LF");
            }

            message.DataSets = ParseDataSets(buffer, offset + 1, blockEnd);
            return message;
        }

        private static Iec21DataSet[] ParseDataSets(byte[] buffer, int start, int end)
        {
            var sets = new ArrayList();
            int p = start;
            while (p < end)
            {
                if (buffer[p] == 0x0D || buffer[p] == 0x0A)
                {
                    p++;
                    continue;
                }

                int open = IndexOf(buffer, p, end, (byte)'(');
                if (open < 0)
                {
                    throw new DlmsException(DlmsErrorCode.Iec21Protocol, "data set without '(' at offset " + p);
                }

                int close = IndexOf(buffer, open, end, (byte)')');
                if (close < 0)
                {
                    throw new DlmsException(DlmsErrorCode.Iec21Protocol, "data set without ')' at offset " + open);
                }

                string address = Text(buffer, p, open);
                int star = IndexOf(buffer, open, close, (byte)'*');
                string value = Text(buffer, open + 1, star < 0 ? close : star);
                string unit = star < 0 ? null : Text(buffer, star + 1, close);
                sets.Add(new Iec21DataSet(address, value, unit));
                p = close + 1;
            }

            var result = new Iec21DataSet[sets.Count];
            sets.CopyTo(result, 0);
            return result;
        }

        private static int IndexOf(byte[] buffer, int from, int end, byte value)
        {
            for (int i = from; i < end; i++)
            {
                if (buffer[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string Text(byte[] buffer, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (buffer[i] < 0x20 || buffer[i] > 0x7E)
                {
                    throw new DlmsException(DlmsErrorCode.Iec21Protocol, "control character inside a data set");
                }
            }

            return Encoding.UTF8.GetString(buffer, from, to - from);
        }
    }
}
