using System;

namespace OpenAmi.Prepaid.OpenPayGo
{
    /// <summary>
    /// Token text ⇄ code number. Standard codes have 9 digits, extended 12; in restricted-digit-set mode
    /// every 2 bits of the 30-bit (40-bit) code become one digit 1–4, giving 15 (20) digits (OpenPAYGO
    /// Token general documentation, "Restricted Digit Set Mode").
    /// </summary>
    public static class OpenPaygoDigits
    {
        public const int StandardLength = 9;
        public const int ExtendedLength = 12;
        public const int StandardRestrictedLength = 15;
        public const int ExtendedRestrictedLength = 20;

        public static int LengthOf(bool extended, bool restricted)
        {
            if (restricted)
            {
                return extended ? ExtendedRestrictedLength : StandardRestrictedLength;
            }

            return extended ? ExtendedLength : StandardLength;
        }

        /// <summary>Parses the digits; false (with a reason) for a wrong length or a digit outside the set.</summary>
        public static bool TryParse(string text, bool extended, bool restricted, out ulong code, out string reason)
        {
            code = 0;
            int length = LengthOf(extended, restricted);
            if (text == null || text.Length != length)
            {
                reason = "wrong_length";
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                int digit = text[i] - '0';
                if (restricted ? (digit < 1 || digit > 4) : (digit < 0 || digit > 9))
                {
                    reason = "bad_digit";
                    return false;
                }

                code = restricted ? (code << 2) | (uint)(digit - 1) : code * 10 + (uint)digit;
            }

            ulong max = extended ? OpenPaygoCodeChain.ExtendedMaxCode : OpenPaygoCodeChain.StandardMaxCode;
            if (code > max)
            {
                reason = "out_of_range";
                return false;
            }

            reason = null;
            return true;
        }

        public static string Format(ulong code, bool extended, bool restricted)
        {
            int length = LengthOf(extended, restricted);
            char[] chars = new char[length];
            for (int i = length - 1; i >= 0; i--)
            {
                if (restricted)
                {
                    chars[i] = (char)('1' + (int)(code & 3));
                    code >>= 2;
                }
                else
                {
                    chars[i] = (char)('0' + (int)(code % 10));
                    code /= 10;
                }
            }

            return new string(chars);
        }
    }
}
