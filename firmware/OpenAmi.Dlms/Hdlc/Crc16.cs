namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>
    /// CRC-16/X.25 (IEC 62056-46 HCS and FCS): reflected polynomial 0x1021 (0x8408), initial 0xFFFF,
    /// final XOR 0xFFFF, sent least significant byte first. Table-driven: 512 bytes once, nothing per call.
    /// </summary>
    public static class Crc16
    {
        private static readonly ushort[] Table = BuildTable();

        private static ushort[] BuildTable()
        {
            var table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int crc = i;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
                }

                table[i] = (ushort)crc;
            }

            return table;
        }

        public static ushort Compute(byte[] buffer, int offset, int count)
        {
            int crc = 0xFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = (crc >> 8) ^ Table[(crc ^ buffer[i]) & 0xFF];
            }

            return (ushort)(crc ^ 0xFFFF);
        }

        /// <summary>Writes the CRC of buffer[offset..offset+count) right after it, LSB first.</summary>
        public static void Append(byte[] buffer, int offset, int count)
        {
            ushort crc = Compute(buffer, offset, count);
            buffer[offset + count] = (byte)crc;
            buffer[offset + count + 1] = (byte)(crc >> 8);
        }

        /// <summary>True when the two bytes after buffer[offset..offset+count) hold its CRC.</summary>
        public static bool Check(byte[] buffer, int offset, int count)
        {
            ushort crc = Compute(buffer, offset, count);
            return buffer[offset + count] == (byte)crc && buffer[offset + count + 1] == (byte)(crc >> 8);
        }
    }
}
