using System;

namespace OpenAmi.Json.Numbers
{
    /// <summary>
    /// Converts an already validated JSON number token to the nearest double (round half to even), exactly and
    /// independently of the platform's double.Parse. Fast path: Clinger's exact case (significand below 2^53,
    /// power of ten at most 10^22); otherwise exact big-integer division.
    /// </summary>
    internal static class DecimalParser
    {
        private const ulong TwoPow53 = 1UL << 53;

        private static readonly double[] ExactPowersOfTen =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        };

        /// <summary>
        /// Parses text[start..start+length) which matches the JSON number grammar. Returns false when the magnitude
        /// exceeds the double range.
        /// </summary>
        public static bool TryParse(byte[] text, int start, int length, out double result)
        {
            int end = start + length;
            int i = start;
            bool negative = text[i] == '-';
            if (negative)
            {
                i++;
            }

            // Significant digits without leading zeros; ulong holds 19 of them, the rest go to the big integer.
            ulong small = 0;
            int digitCount = 0;
            int decimalExponent = 0;
            bool inFraction = false;
            for (; i < end; i++)
            {
                byte c = text[i];
                if (c == '.')
                {
                    inFraction = true;
                    continue;
                }

                if (c == 'e' || c == 'E')
                {
                    break;
                }

                if (inFraction)
                {
                    decimalExponent--;
                }

                if (digitCount == 0 && c == '0')
                {
                    continue;
                }

                digitCount++;
                if (digitCount <= 19)
                {
                    small = small * 10 + (ulong)(c - '0');
                }
            }

            if (i < end)
            {
                decimalExponent += ParseExponent(text, i + 1, end);
            }

            if (digitCount == 0)
            {
                result = negative ? -0.0 : 0.0;
                return true;
            }

            // Magnitude tests on the decimal point position avoid huge big integers: 10^309 overflows, 10^-325 is 0.
            int magnitude = digitCount + decimalExponent;
            if (magnitude > 310)
            {
                result = 0;
                return false;
            }

            if (magnitude < -325)
            {
                result = negative ? -0.0 : 0.0;
                return true;
            }

            double value;
            if (digitCount <= 19 && small < TwoPow53 && decimalExponent >= -22 && decimalExponent <= 22)
            {
                value = decimalExponent >= 0
                    ? (double)(long)small * ExactPowersOfTen[decimalExponent]
                    : (double)(long)small / ExactPowersOfTen[-decimalExponent];
            }
            else
            {
                value = Exact(text, start, end, digitCount, decimalExponent);
            }

            if (double.IsInfinity(value))
            {
                result = 0;
                return false;
            }

            result = negative ? -value : value;
            return true;
        }

        private static int ParseExponent(byte[] text, int i, int end)
        {
            bool negative = false;
            if (text[i] == '+' || text[i] == '-')
            {
                negative = text[i] == '-';
                i++;
            }

            int exponent = 0;
            for (; i < end; i++)
            {
                // Saturate: anything beyond a million is already outside the double range.
                if (exponent < 1000000)
                {
                    exponent = exponent * 10 + (text[i] - '0');
                }
            }

            return negative ? -exponent : exponent;
        }

        private static double Exact(byte[] text, int start, int end, int digitCount, int decimalExponent)
        {
            BigNat numerator = new BigNat(0);
            bool seenNonZero = false;
            for (int i = start; i < end; i++)
            {
                byte c = text[i];
                if (c == 'e' || c == 'E')
                {
                    break;
                }

                if (c < '0' || c > '9' || (!seenNonZero && c == '0'))
                {
                    continue;
                }

                seenNonZero = true;
                numerator.MultiplySmall(10);
                numerator.AddSmall((uint)(c - '0'));
            }

            BigNat denominator = new BigNat(1);
            if (decimalExponent >= 0)
            {
                numerator.MultiplyPow10(decimalExponent);
            }
            else
            {
                denominator.MultiplyPow10(-decimalExponent);
            }

            // Scale so the integer quotient has 56 or 57 bits: 53 kept, the rest for rounding.
            int shift = 56 - (numerator.BitLength - denominator.BitLength);
            if (shift > 0)
            {
                numerator.ShiftLeft(shift);
            }
            else
            {
                denominator.ShiftLeft(-shift);
            }

            ulong quotient = 0;
            BigNat divisor = denominator.Clone();
            divisor.ShiftLeft(57);
            for (int bit = 57; bit >= 0; bit--)
            {
                if (BigNat.Compare(numerator, divisor) >= 0)
                {
                    numerator.Subtract(divisor);
                    quotient |= 1UL << bit;
                }

                divisor.ShiftRightOne();
            }

            return Compose(quotient, -shift, !numerator.IsZero);
        }

        /// <summary>Rounds quotient × 2^binaryExponent (plus a non-zero tail when sticky) to a double.</summary>
        private static double Compose(ulong quotient, int binaryExponent, bool sticky)
        {
            int quotientBits = 0;
            for (ulong q = quotient; q != 0; q >>= 1)
            {
                quotientBits++;
            }

            int leadingExponent = quotientBits - 1 + binaryExponent;
            int keep = 53;
            if (leadingExponent < -1022)
            {
                keep = 53 - (-1022 - leadingExponent);
            }

            int drop = quotientBits - keep;
            if (drop > 63)
            {
                return 0.0;
            }

            ulong mantissa = quotient >> drop;
            ulong remainder = drop == 0 ? 0 : quotient & ((1UL << drop) - 1);
            ulong half = drop == 0 ? 0 : 1UL << (drop - 1);
            if (drop > 0 && (remainder > half || (remainder == half && (sticky || (mantissa & 1) == 1))))
            {
                mantissa++;
            }

            long bits;
            if (keep < 53)
            {
                // Subnormal; rounding up into 2^52 yields exactly the smallest normal encoding.
                bits = (long)mantissa;
            }
            else
            {
                if (mantissa == TwoPow53)
                {
                    mantissa >>= 1;
                    leadingExponent++;
                }

                int biased = leadingExponent + 1023;
                if (biased >= 2047)
                {
                    return double.PositiveInfinity;
                }

                bits = ((long)biased << 52) | (long)(mantissa & 0xFFFFFFFFFFFFFUL);
            }

            return BitConverter.Int64BitsToDouble(bits);
        }
    }
}
