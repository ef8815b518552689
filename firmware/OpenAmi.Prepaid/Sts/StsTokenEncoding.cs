using System;

namespace OpenAmi.Prepaid.Sts
{
    /// <summary>How a vendor's Token gateway expects the token octet-string of method <c>enter</c>.</summary>
    public enum StsTokenEncoding
    {
        /// <summary>20 bytes, ASCII '0'–'9', most significant digit first.</summary>
        Ascii20 = 0,
        /// <summary>10 bytes, two digits per byte, first digit in the high nibble.</summary>
        PackedBcd10 = 1,
        /// <summary>9 bytes, the 66-bit token number big-endian (top 6 bits zero).</summary>
        Binary9 = 2,
    }

    public static class StsTokenEncoder
    {
        public const int MaxEncodedLength = 20;

        public static int LengthOf(StsTokenEncoding encoding)
        {
            switch (encoding)
            {
                case StsTokenEncoding.PackedBcd10: return 10;
                case StsTokenEncoding.Binary9: return 9;
                default: return 20;
            }
        }

        /// <summary>Writes the token at <paramref name="offset"/>; returns the number of bytes written.</summary>
        public static int Encode(string digits, StsTokenNumber number, StsTokenEncoding encoding, byte[] buffer, int offset)
        {
            switch (encoding)
            {
                case StsTokenEncoding.PackedBcd10:
                    for (int i = 0; i < 10; i++)
                    {
                        buffer[offset + i] = (byte)(((digits[2 * i] - '0') << 4) | (digits[2 * i + 1] - '0'));
                    }

                    return 10;
                case StsTokenEncoding.Binary9:
                    buffer[offset] = (byte)number.High;
                    ulong low = number.Low;
                    for (int i = 8; i >= 1; i--)
                    {
                        buffer[offset + i] = (byte)low;
                        low >>= 8;
                    }

                    return 9;
                default:
                    for (int i = 0; i < 20; i++)
                    {
                        buffer[offset + i] = (byte)digits[i];
                    }

                    return 20;
            }
        }

        public static string ToName(StsTokenEncoding encoding)
        {
            switch (encoding)
            {
                case StsTokenEncoding.PackedBcd10: return "bcd10";
                case StsTokenEncoding.Binary9: return "binary9";
                default: return "ascii20";
            }
        }
    }
}
