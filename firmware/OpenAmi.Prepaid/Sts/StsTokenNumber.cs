using System;

namespace OpenAmi.Prepaid.Sts
{
    /// <summary>
    /// An STS token as entered: 20 decimal digits holding a 66-bit number (IEC 62055-41, token carrier
    /// format: 64-bit encrypted data block plus the 2-bit token class). Before display the class bits are
    /// transposed with bits 27 and 28 of the block, so the class sits at bits 28..27 of the 66-bit number and
    /// block bits 28..27 sit at bits 65..64. The class is therefore readable without any key.
    /// </summary>
    public struct StsTokenNumber
    {
        public const int DigitCount = 20;

        /// <summary>Bits 65..64 of the 66-bit number.</summary>
        public int High;

        /// <summary>Bits 63..0 of the 66-bit number.</summary>
        public ulong Low;

        /// <summary>Token class: 0 credit transfer, 1 non-meter-specific management, 2 meter-specific management, 3 reserved.</summary>
        public int TokenClass
        {
            get { return (int)((Low >> 27) & 3); }
        }

        /// <summary>The 64-bit data block as the meter decrypts it: class removed, bits 28..27 put back.</summary>
        public ulong DataBlock
        {
            get
            {
                ulong block = Low & ~(3UL << 27);
                return block | ((ulong)(High & 3) << 27);
            }
        }

        /// <summary>Inverse of <see cref="DataBlock"/>: the 66-bit number for a data block and class (vending side).</summary>
        public static StsTokenNumber FromDataBlock(ulong dataBlock, int tokenClass)
        {
            var number = new StsTokenNumber();
            number.High = (int)((dataBlock >> 27) & 3);
            number.Low = (dataBlock & ~(3UL << 27)) | ((ulong)(tokenClass & 3) << 27);
            return number;
        }

        /// <summary>
        /// Parses exactly 20 digits (spaces and dashes between groups are the caller's to strip). Fails for
        /// anything that cannot be a token: other characters or lengths, values of 2^66 and above, class 3.
        /// </summary>
        public static bool TryParse(string digits, out StsTokenNumber number, out string reason)
        {
            number = new StsTokenNumber();
            if (digits == null || digits.Length != DigitCount)
            {
                reason = "wrong_length";
                return false;
            }

            // Three 32-bit limbs: value = limb2 * 2^64 + limb1 * 2^32 + limb0; 10^20 < 2^67.
            uint limb0 = 0, limb1 = 0, limb2 = 0;
            for (int i = 0; i < DigitCount; i++)
            {
                int digit = digits[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    reason = "bad_digit";
                    return false;
                }

                ulong t = (ulong)limb0 * 10 + (uint)digit;
                limb0 = (uint)t;
                t = (ulong)limb1 * 10 + (t >> 32);
                limb1 = (uint)t;
                limb2 = (uint)((ulong)limb2 * 10 + (t >> 32));
            }

            if (limb2 > 3)
            {
                reason = "out_of_range";
                return false;
            }

            number.High = (int)limb2;
            number.Low = ((ulong)limb1 << 32) | limb0;
            if (number.TokenClass == 3)
            {
                reason = "reserved_class";
                return false;
            }

            reason = null;
            return true;
        }

        public string ToDigits()
        {
            char[] chars = new char[DigitCount];
            uint limb2 = (uint)High, limb1 = (uint)(Low >> 32), limb0 = (uint)Low;
            for (int i = DigitCount - 1; i >= 0; i--)
            {
                ulong r = limb2;
                limb2 = (uint)(r / 10);
                r = ((r % 10) << 32) | limb1;
                limb1 = (uint)(r / 10);
                r = ((r % 10) << 32) | limb0;
                limb0 = (uint)(r / 10);
                chars[i] = (char)('0' + (int)(r % 10));
            }

            return new string(chars);
        }
    }
}
