namespace OpenAmi.Metering.Profiles
{
    /// <summary>
    /// Puts a 20-digit STS token (IEC 62055-41: a 66-bit number shown as 20 decimal digits) into the form the
    /// meter's token gateway (class 115) expects.
    /// </summary>
    public static class TokenEncoder
    {
        public const int Digits = 20;

        /// <summary>Bytes the encoding needs, 0 for <see cref="TokenEncoding.None"/>.</summary>
        public static int Length(TokenEncoding encoding)
        {
            switch (encoding)
            {
                case TokenEncoding.Ascii20: return 20;
                case TokenEncoding.Bcd10: return 10;
                case TokenEncoding.Binary9: return 9;
                default: return 0;
            }
        }

        /// <summary>
        /// Encodes into <paramref name="into"/> at <paramref name="offset"/>; returns the length, or -1 when the
        /// token is not 20 digits or (binary) does not fit 66 bits. Writes nothing on failure.
        /// </summary>
        public static int Encode(string token, TokenEncoding encoding, byte[] into, int offset)
        {
            if (token == null || token.Length != Digits || encoding == TokenEncoding.None)
            {
                return -1;
            }

            for (int i = 0; i < Digits; i++)
            {
                if (token[i] < '0' || token[i] > '9')
                {
                    return -1;
                }
            }

            switch (encoding)
            {
                case TokenEncoding.Ascii20:
                    for (int i = 0; i < Digits; i++)
                    {
                        into[offset + i] = (byte)token[i];
                    }

                    return Digits;
                case TokenEncoding.Bcd10:
                    for (int i = 0; i < 10; i++)
                    {
                        into[offset + i] = (byte)(((token[2 * i] - '0') << 4) | (token[2 * i + 1] - '0'));
                    }

                    return 10;
                default:
                    return EncodeBinary(token, into, offset);
            }
        }

        /// <summary>Decimal to 72-bit big-endian by repeated ×10 + digit over nine bytes (no 128-bit type on the device).</summary>
        private static int EncodeBinary(string token, byte[] into, int offset)
        {
            var number = new byte[9];
            for (int i = 0; i < Digits; i++)
            {
                int carry = token[i] - '0';
                for (int b = 8; b >= 0; b--)
                {
                    int value = number[b] * 10 + carry;
                    number[b] = (byte)value;
                    carry = value >> 8;
                }
            }

            // 66 bits: the top byte may use only its two low bits.
            if (number[0] > 0x03)
            {
                return -1;
            }

            for (int b = 0; b < 9; b++)
            {
                into[offset + b] = number[b];
            }

            return 9;
        }
    }
}
