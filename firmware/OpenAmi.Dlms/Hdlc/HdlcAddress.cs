namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>
    /// An HDLC address (IEC 62056-46 §6.4.2.2): 1, 2 or 4 bytes, 7 bits per byte, LSB set on the last byte.
    /// A client address is one byte (the client SAP); a server address has an upper (logical device) and,
    /// with 2 or 4 bytes, a lower (physical device) part.
    /// </summary>
    public struct HdlcAddress
    {
        public HdlcAddress(int upper, int lower, int size)
        {
            if (size != 1 && size != 2 && size != 4)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "HDLC address size must be 1, 2 or 4 bytes");
            }

            int limit = size == 4 ? 0x3FFF : 0x7F;
            if (upper < 0 || upper > limit || lower < 0 || lower > limit || (size == 1 && lower != 0))
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "HDLC address part out of range for its size");
            }

            Upper = upper;
            Lower = lower;
            Size = size;
        }

        public int Upper { get; }
        public int Lower { get; }
        public int Size { get; }

        /// <summary>A one-byte client SAP (16 = public client, 1 = management …).</summary>
        public static HdlcAddress Client(int sap) => new HdlcAddress(sap, 0, 1);

        /// <summary>A server address; size 0 picks the smallest size that holds both parts.</summary>
        public static HdlcAddress Server(int upper, int lower, int size)
        {
            if (size == 0)
            {
                size = upper > 0x7F || lower > 0x7F ? 4 : 2;
            }

            return new HdlcAddress(upper, size == 1 ? 0 : lower, size);
        }

        public bool SameAs(int upper, int lower, int size) => Upper == upper && Lower == lower && Size == size;

        /// <summary>Writes the address; returns the number of bytes written.</summary>
        public int Write(byte[] buffer, int offset)
        {
            switch (Size)
            {
                case 1:
                    buffer[offset] = (byte)((Upper << 1) | 1);
                    return 1;
                case 2:
                    buffer[offset] = (byte)(Upper << 1);
                    buffer[offset + 1] = (byte)((Lower << 1) | 1);
                    return 2;
                default:
                    buffer[offset] = (byte)((Upper >> 7) << 1);
                    buffer[offset + 1] = (byte)((Upper & 0x7F) << 1);
                    buffer[offset + 2] = (byte)((Lower >> 7) << 1);
                    buffer[offset + 3] = (byte)(((Lower & 0x7F) << 1) | 1);
                    return 4;
            }
        }
    }
}
