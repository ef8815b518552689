namespace OpenAmi.Dlms.Link
{
    /// <summary>
    /// The DLMS/COSEM transport-layer wrapper of IEC 62056-47 (TCP and UDP profiles): every APDU is preceded by
    /// an 8-byte header — version (0x0001), source wPort, destination wPort, APDU length — all big-endian 16-bit.
    /// wPorts play the role of HDLC SAPs: the client's is its client SAP (16 = public client), the meter's is
    /// the logical device (1 = management logical device). The well-known TCP port is 4059.
    /// </summary>
    public static class WrapperCodec
    {
        public const int HeaderLength = 8;
        public const int Version = 1;
        public const int DefaultTcpPort = 4059;
        /// <summary>The length field is 16 bits.</summary>
        public const int MaxApduLength = 0xFFFF;

        /// <summary>Writes the header for an APDU of <paramref name="apduLength"/> bytes at buffer[offset].</summary>
        public static void WriteHeader(int sourcePort, int destinationPort, int apduLength, byte[] buffer, int offset)
        {
            CheckPort(sourcePort);
            CheckPort(destinationPort);
            if (apduLength < 0 || apduLength > MaxApduLength)
            {
                throw new DlmsException(DlmsErrorCode.LimitExceeded, "a wrapped APDU is at most 65535 bytes, not " + apduLength.ToString());
            }

            Put(buffer, offset, Version);
            Put(buffer, offset + 2, sourcePort);
            Put(buffer, offset + 4, destinationPort);
            Put(buffer, offset + 6, apduLength);
        }

        /// <summary>Checks the version of the header at buffer[offset] and returns its APDU length.</summary>
        public static int ReadHeader(byte[] buffer, int offset, out int sourcePort, out int destinationPort)
        {
            int version = Get(buffer, offset);
            if (version != Version)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "wrapper version " + version.ToString() + " (only 1 is defined)");
            }

            sourcePort = Get(buffer, offset + 2);
            destinationPort = Get(buffer, offset + 4);
            return Get(buffer, offset + 6);
        }

        private static void CheckPort(int port)
        {
            if (port < 0 || port > 0xFFFF)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "a wPort is 0–65535, not " + port.ToString());
            }
        }

        private static void Put(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)(value >> 8);
            buffer[offset + 1] = (byte)value;
        }

        private static int Get(byte[] buffer, int offset) => (buffer[offset] << 8) | buffer[offset + 1];
    }
}
