using System;

namespace OpenAmi.Device.Tests.Support
{
    /// <summary>
    /// Hex text to bytes and back for the shared vectors (tests/vectors) on the device, which has no
    /// Convert.FromHexString. Spaces between bytes are ignored.
    /// </summary>
    public static class Hex
    {
        private const string Digits = "0123456789ABCDEF";
        private const string LowerDigits = "0123456789abcdef";

        public static byte[] Bytes(string hex)
        {
            int digits = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] != ' ')
                {
                    digits++;
                }
            }

            if ((digits & 1) != 0)
            {
                throw new ArgumentException("odd number of hex digits", "hex");
            }

            var bytes = new byte[digits / 2];
            int nibble = 0;
            for (int i = 0; i < hex.Length; i++)
            {
                if (hex[i] == ' ')
                {
                    continue;
                }

                int value = Nibble(hex[i]);
                if ((nibble & 1) == 0)
                {
                    bytes[nibble / 2] = (byte)(value << 4);
                }
                else
                {
                    bytes[nibble / 2] |= (byte)value;
                }

                nibble++;
            }

            return bytes;
        }

        /// <summary>Upper-case hex of <paramref name="count"/> bytes from <paramref name="offset"/>, no separators.</summary>
        public static string Of(byte[] bytes, int offset, int count)
        {
            var chars = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                chars[2 * i] = Digits[bytes[offset + i] >> 4];
                chars[(2 * i) + 1] = Digits[bytes[offset + i] & 0x0F];
            }

            return new string(chars);
        }

        private static int Nibble(char c)
        {
            int value = Digits.IndexOf(c);
            if (value < 0)
            {
                value = LowerDigits.IndexOf(c);
            }

            if (value < 0)
            {
                throw new ArgumentException("not a hex digit: " + c, "hex");
            }

            return value;
        }
    }
}
