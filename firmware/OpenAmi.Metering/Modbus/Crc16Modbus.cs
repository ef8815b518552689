namespace OpenAmi.Metering.Modbus
{
    /// <summary>
    /// CRC-16/MODBUS (Modbus over Serial Line V1.02, 6.2.2): reflected polynomial 0xA001, initial 0xFFFF,
    /// transmitted low byte first.
    /// </summary>
    public static class Crc16Modbus
    {
        private static readonly ushort[] Table = BuildTable();

        public static ushort Compute(byte[] buffer, int offset, int count)
        {
            int crc = 0xFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = (crc >> 8) ^ Table[(crc ^ buffer[i]) & 0xFF];
            }

            return (ushort)crc;
        }

        /// <summary>Appends the CRC of buffer[offset..offset+count) at offset+count (low byte first); returns the new length.</summary>
        public static int Append(byte[] buffer, int offset, int count)
        {
            ushort crc = Compute(buffer, offset, count);
            buffer[offset + count] = (byte)(crc & 0xFF);
            buffer[offset + count + 1] = (byte)(crc >> 8);
            return count + 2;
        }

        /// <summary>True when the last two bytes of the frame are the CRC of the bytes before them.</summary>
        public static bool Check(byte[] buffer, int offset, int frameLength)
        {
            if (frameLength < 3)
            {
                return false;
            }

            ushort crc = Compute(buffer, offset, frameLength - 2);
            return buffer[offset + frameLength - 2] == (byte)(crc & 0xFF) && buffer[offset + frameLength - 1] == (byte)(crc >> 8);
        }

        private static ushort[] BuildTable()
        {
            var table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int crc = i;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
                }

                table[i] = (ushort)crc;
            }

            return table;
        }
    }
}
