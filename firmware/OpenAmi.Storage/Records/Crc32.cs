namespace OpenAmi.Storage.Records
{
    /// <summary>
    /// CRC-32 of IEEE 802.3 (CRC-32/ISO-HDLC: reflected polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF); check
    /// value of "123456789" is 0xCBF43926. Table-driven (1 KB of RAM): the outbox checks every record it appends and
    /// every record it scans at boot, and the interpreter makes a bit-at-a-time loop about eight times slower.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        /// <summary>The running state before the first byte: <c>Finish(Update(Start, …))</c> equals <see cref="Compute"/>, so a long record can be checked piece by piece through a small buffer.</summary>
        public const uint Start = 0xFFFFFFFF;

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start, data, offset, count));
        }

        public static uint Update(uint state, byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                state = Table[(state ^ data[i]) & 0xFF] ^ (state >> 8);
            }

            return state;
        }

        public static uint Finish(uint state)
        {
            return ~state;
        }

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
