namespace OpenAmi.Prepaid.Sts
{
    /// <summary>
    /// The token CRC of IEC 62055-41 (6.3.7, example in Table 26): CRC-16 with generator x^16 + x^15 + x^2 + 1,
    /// register preset to FFFF, over the 50 bits in front of the CRC field (class, subclass, data) left-padded with
    /// six zero bits to seven bytes, most significant byte first, each byte least significant bit first (the
    /// reflected form of the generator, A001). The token carries the register low byte first, so the 16-bit field
    /// is the register with its two bytes swapped. Used for every class except class 0 subclasses 4–7.
    /// </summary>
    public static class StsCrc16
    {
        /// <summary>The CRC field value for the 50 bits in the low end of <paramref name="fiftyBits"/>.</summary>
        public static int Compute(ulong fiftyBits)
        {
            int crc = 0xFFFF;
            for (int shift = 48; shift >= 0; shift -= 8)
            {
                crc ^= (int)((fiftyBits >> shift) & 0xFF);
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
                }
            }

            return ((crc & 0xFF) << 8) | (crc >> 8);
        }

        /// <summary>The 50 CRC-covered bits of a plain (decrypted or never encrypted) 64-bit data block.</summary>
        public static ulong CoveredBits(int tokenClass, ulong dataBlock)
        {
            return ((ulong)(tokenClass & 3) << 48) | (dataBlock >> 16);
        }

        /// <summary>True when the CRC field (the low 16 bits) of a plain data block matches its other 50 bits.</summary>
        public static bool Matches(int tokenClass, ulong dataBlock)
        {
            return Compute(CoveredBits(tokenClass, dataBlock)) == (int)(dataBlock & 0xFFFF);
        }
    }
}
