using System;
using OpenAmi.Json.Numbers;

namespace OpenAmi.Json
{
    /// <summary>
    /// A binary32 (float) value as the double a reader expects: the double nearest to the shortest decimal that
    /// reads back as the same float — 230.1 for the float nearest 230.1, not its exact binary value
    /// 230.100006103515625. <see cref="JsonWriter"/> (shortest double) then prints exactly those digits.
    /// Exact, without the platform's float formatting: a decimal c / 10^k lies strictly inside the float's
    /// rounding interval when the correctly rounded double of it does (the interval's ends are doubles), so the
    /// fast path tests candidates with one division; a candidate landing on an interval end (round-half-even
    /// decides) or two candidates of equal length go to the free-format algorithm on exact big integers.
    /// </summary>
    public static class Float32Decimal
    {
        /// <summary>At and above 2^24 a float's gap exceeds 1: the shortest decimal may end in zeros before the point (exact path).</summary>
        private const double TwoPow24 = 16777216.0;

        private const double TwoPow53 = 9007199254740992.0;

        /// <summary>
        /// The double for the float with IEEE 754 bit pattern <paramref name="bits"/>; false for NaN and the
        /// infinities (exponent all ones). Allocates nothing below 2^24 in magnitude except in rare ties.
        /// </summary>
        public static bool TryToDouble(uint bits, out double value)
        {
            int biasedExponent = (int)((bits >> 23) & 0xFF);
            uint fraction = bits & 0x7FFFFF;
            bool negative = (bits & 0x80000000) != 0;
            if (biasedExponent == 0xFF)
            {
                value = 0;
                return false;
            }

            if (biasedExponent == 0 && fraction == 0)
            {
                value = negative ? -0.0 : 0.0;
                return true;
            }

            uint mantissa = biasedExponent == 0 ? fraction : fraction | 0x800000u;
            int exponent = biasedExponent == 0 ? -149 : biasedExponent - 150;
            double exact = mantissa * Pow2(exponent);

            // Round-to-nearest interval: half a gap either side, the gap below a power of two being half the one above.
            double above = Pow2(exponent - 1);
            double below = fraction == 0 && biasedExponent > 1 ? Pow2(exponent - 2) : above;
            if (exact >= TwoPow24 || !TryShortFraction(exact, exact - below, exact + above, out value))
            {
                value = Exact(bits, exact);
            }

            if (negative)
            {
                value = -value;
            }

            return true;
        }

        /// <summary>
        /// The first scale 10^k at which one integer c near value × 10^k has c / 10^k strictly inside (lower, upper);
        /// false when a candidate meets an end of the interval, two qualify, or the scale runs out of exact doubles.
        /// </summary>
        private static bool TryShortFraction(double value, double lower, double upper, out double result)
        {
            result = 0;
            for (int k = 0; k < ShortestDigits.ExactPowersOfTen.Length; k++)
            {
                double scale = ShortestDigits.ExactPowersOfTen[k];
                double scaled = value * scale;
                if (scaled >= TwoPow53)
                {
                    return false;
                }

                double nearest = Math.Floor(scaled + 0.5);
                int matches = 0;
                for (double candidate = nearest - 1; candidate <= nearest + 1; candidate++)
                {
                    if (candidate <= 0)
                    {
                        continue;
                    }

                    double decimalValue = candidate / scale;
                    if (decimalValue == lower || decimalValue == upper)
                    {
                        return false;
                    }

                    if (decimalValue > lower && decimalValue < upper)
                    {
                        result = decimalValue;
                        matches++;
                    }
                }

                if (matches == 1)
                {
                    return true;
                }

                if (matches > 1)
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>The free-format digits of the float, then the nearest double to them (exact big-integer parse when the power of ten is not exact).</summary>
        private static double Exact(uint bits, double exact)
        {
            var digits = new ShortestDigits();
            digits.GenerateFloat32(bits, exact);
            long integer = 0;
            for (int i = 0; i < digits.Count; i++)
            {
                integer = integer * 10 + (digits.Digits[i] - '0');
            }

            int power = digits.PointPosition - digits.Count;
            if (power >= 0 && power < ShortestDigits.ExactPowersOfTen.Length)
            {
                return integer * ShortestDigits.ExactPowersOfTen[power];
            }

            if (power < 0 && -power < ShortestDigits.ExactPowersOfTen.Length)
            {
                return integer / ShortestDigits.ExactPowersOfTen[-power];
            }

            var text = new byte[digits.Count + 6];
            Array.Copy(digits.Digits, text, digits.Count);
            int n = digits.Count;
            text[n++] = (byte)'e';
            if (power < 0)
            {
                text[n++] = (byte)'-';
                power = -power;
            }

            if (power >= 10)
            {
                text[n++] = (byte)('0' + power / 10);
            }

            text[n++] = (byte)('0' + power % 10);
            double parsed;
            DecimalParser.TryParse(text, 0, n, out parsed);
            return parsed;
        }

        /// <summary>2^n for −1022 ≤ n ≤ 1023, exactly (built from its bit pattern).</summary>
        private static double Pow2(int n) => BitConverter.Int64BitsToDouble((long)(n + 1023) << 52);
    }
}
