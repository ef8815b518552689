namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>
    /// The SNRM/UA information field (IEC 62056-46 §6.4.4.4.3.2, ISO/IEC 13239 parameter negotiation):
    /// format 0x81, group 0x80, then max-info-field-length transmit (05) / receive (06) and window size
    /// transmit (07) / receive (08), each value 1, 2 or 4 bytes. Values are from the sender's point of view.
    /// </summary>
    public sealed class HdlcParameters
    {
        public const int DefaultInfoLength = 128;
        public const int DefaultWindow = 1;

        public int MaxInfoTransmit { get; set; } = DefaultInfoLength;
        public int MaxInfoReceive { get; set; } = DefaultInfoLength;
        public int WindowTransmit { get; set; } = DefaultWindow;
        public int WindowReceive { get; set; } = DefaultWindow;

        /// <summary>Writes the negotiation field with the smallest value sizes; returns its length.</summary>
        public int Write(byte[] buffer, int offset)
        {
            int p = offset;
            buffer[p++] = 0x81;
            buffer[p++] = 0x80;
            int lengthAt = p++;
            p = WriteParameter(buffer, p, 0x05, MaxInfoTransmit, false);
            p = WriteParameter(buffer, p, 0x06, MaxInfoReceive, false);
            p = WriteParameter(buffer, p, 0x07, WindowTransmit, true);
            p = WriteParameter(buffer, p, 0x08, WindowReceive, true);
            buffer[lengthAt] = (byte)(p - lengthAt - 1);
            return p - offset;
        }

        private static int WriteParameter(byte[] buffer, int p, byte id, int value, bool fourBytes)
        {
            buffer[p++] = id;
            int size = fourBytes ? 4 : value > 0xFF ? 2 : 1;
            buffer[p++] = (byte)size;
            for (int i = size - 1; i >= 0; i--)
            {
                buffer[p++] = (byte)(value >> (8 * i));
            }

            return p;
        }

        /// <summary>Parses a negotiation field; absent parameters keep their defaults.</summary>
        public static HdlcParameters Parse(byte[] buffer, int offset, int count)
        {
            var result = new HdlcParameters();
            if (count == 0)
            {
                return result;
            }

            int end = offset + count;
            if (count < 3 || buffer[offset] != 0x81 || buffer[offset + 1] != 0x80 || offset + 3 + buffer[offset + 2] > end)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "HDLC parameter negotiation field is malformed");
            }

            int p = offset + 3;
            int groupEnd = p + buffer[offset + 2];
            while (p < groupEnd)
            {
                if (p + 2 > groupEnd)
                {
                    throw new DlmsException(DlmsErrorCode.Malformed, "truncated HDLC parameter");
                }

                int id = buffer[p];
                int size = buffer[p + 1];
                p += 2;
                if (size < 1 || size > 4 || p + size > groupEnd)
                {
                    throw new DlmsException(DlmsErrorCode.Malformed, "HDLC parameter value must be 1 to 4 bytes");
                }

                int value = 0;
                for (int i = 0; i < size; i++)
                {
                    value = (value << 8) | buffer[p + i];
                }

                p += size;
                if (value < 0)
                {
                    throw new DlmsException(DlmsErrorCode.Malformed, "HDLC parameter value out of range");
                }

                switch (id)
                {
                    case 0x05: result.MaxInfoTransmit = value; break;
                    case 0x06: result.MaxInfoReceive = value; break;
                    case 0x07: result.WindowTransmit = value; break;
                    case 0x08: result.WindowReceive = value; break;
                }
            }

            return result;
        }
    }
}
