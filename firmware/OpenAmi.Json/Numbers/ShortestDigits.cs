using System;

namespace OpenAmi.Json.Numbers
{
    /// <summary>
    /// The shortest decimal digit string that reads back as the same double (value = 0.d1d2…dk × 10^PointPosition),
    /// nearest to the exact binary value when several are equally short. nanoFramework has no "R" format, so the
    /// digits are generated here: an exact fast path for the values meters produce (Clinger's observation that an
    /// integer below 2^53 divided by an exact power of ten is correctly rounded), otherwise the Steele &amp; White /
    /// Dragon4 free-format algorithm on exact big integers.
    /// </summary>
    internal sealed class ShortestDigits
    {
        private const double TwoPow53 = 9007199254740992.0;

        /// <summary>10^0 … 10^22: the powers of ten a double holds exactly.</summary>
        internal static readonly double[] ExactPowersOfTen =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        };

        /// <summary>ASCII digits '0'..'9'; only the first <see cref="Count"/> are meaningful.</summary>
        public readonly byte[] Digits = new byte[24];

        public int Count;

        public int PointPosition;

        /// <summary>Fills the digits of a finite, strictly positive double.</summary>
        public void Generate(double value)
        {
            if (!TryFastPath(value))
            {
                Dragon4(value);
            }
        }

        private bool TryFastPath(double value)
        {
            for (int fractionDigits = 0; fractionDigits < ExactPowersOfTen.Length; fractionDigits++)
            {
                double scale = ExactPowersOfTen[fractionDigits];
                double scaled = value * scale;
                if (scaled >= TwoPow53)
                {
                    return false;
                }

                double nearest = Math.Floor(scaled + 0.5);
                double found = -1;
                int matches = 0;
                for (double candidate = nearest - 1; candidate <= nearest + 1; candidate++)
                {
                    if (candidate > 0 && candidate / scale == value)
                    {
                        found = candidate;
                        matches++;
                    }
                }

                if (matches == 1)
                {
                    SetFromInteger((long)found, fractionDigits);
                    return true;
                }

                if (matches > 1)
                {
                    // Two equally short candidates: only exact arithmetic can tell which is nearer.
                    return false;
                }
            }

            return false;
        }

        private void SetFromInteger(long integer, int fractionDigits)
        {
            int count = 0;
            while (integer > 0)
            {
                Digits[count++] = (byte)('0' + (int)(integer % 10));
                integer /= 10;
            }

            for (int i = 0, j = count - 1; i < j; i++, j--)
            {
                byte swap = Digits[i];
                Digits[i] = Digits[j];
                Digits[j] = swap;
            }

            PointPosition = count - fractionDigits;
            while (count > 1 && Digits[count - 1] == '0')
            {
                count--;
            }

            Count = count;
        }

        /// <summary>
        /// Fills the digits of the shortest decimal that reads back as the finite, strictly positive IEEE 754
        /// binary32 value with these bits (sign bit clear), by the same free-format algorithm with the float's gaps.
        /// </summary>
        public void GenerateFloat32(uint bits, double value)
        {
            int biasedExponent = (int)((bits >> 23) & 0xFF);
            uint fraction = bits & 0x7FFFFF;
            ulong mantissa = biasedExponent == 0 ? fraction : fraction | 0x800000u;
            int exponent = biasedExponent == 0 ? -149 : biasedExponent - 150;
            Dragon4(value, mantissa, exponent, fraction == 0 && biasedExponent > 1);
        }

        private void Dragon4(double value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            int biasedExponent = (int)((bits >> 52) & 0x7FF);
            ulong fraction = (ulong)bits & 0xFFFFFFFFFFFFFUL;
            ulong mantissa = biasedExponent == 0 ? fraction : fraction | (1UL << 52);
            int exponent = biasedExponent == 0 ? -1074 : biasedExponent - 1075;

            // The gap below a power of two is half the gap above it.
            Dragon4(value, mantissa, exponent, fraction == 0 && biasedExponent > 1);
        }

        /// <summary>value = mantissa × 2^exponent; <paramref name="unequalGaps"/> when the gap below is half the gap above.</summary>
        private void Dragon4(double value, ulong mantissa, int exponent, bool unequalGaps)
        {
            bool evenMantissa = (mantissa & 1) == 0;

            BigNat r;
            BigNat s;
            BigNat mPlus;
            BigNat mMinus;
            if (exponent >= 0)
            {
                r = new BigNat(mantissa);
                r.ShiftLeft(exponent + (unequalGaps ? 2 : 1));
                s = new BigNat(unequalGaps ? 4UL : 2UL);
                mPlus = new BigNat(1);
                mPlus.ShiftLeft(exponent + (unequalGaps ? 1 : 0));
                mMinus = new BigNat(1);
                mMinus.ShiftLeft(exponent);
            }
            else
            {
                r = new BigNat(mantissa);
                r.ShiftLeft(unequalGaps ? 2 : 1);
                s = new BigNat(1);
                s.ShiftLeft(-exponent + (unequalGaps ? 2 : 1));
                mPlus = new BigNat(unequalGaps ? 2UL : 1UL);
                mMinus = new BigNat(1);
            }

            int k = (int)Math.Ceiling(Math.Log10(value) - 1e-10);
            if (k >= 0)
            {
                s.MultiplyPow10(k);
            }
            else
            {
                r.MultiplyPow10(-k);
                mPlus.MultiplyPow10(-k);
                mMinus.MultiplyPow10(-k);
            }

            // Fix the estimate so that (r + m+) / s lies in [0.1, 1).
            while (ReachesHigh(r, mPlus, s, evenMantissa))
            {
                s.MultiplySmall(10);
                k++;
            }

            while (true)
            {
                BigNat tenfold = r.Clone();
                tenfold.MultiplySmall(10);
                BigNat tenPlus = mPlus.Clone();
                tenPlus.MultiplySmall(10);
                if (ReachesHigh(tenfold, tenPlus, s, evenMantissa))
                {
                    break;
                }

                r = tenfold;
                mPlus = tenPlus;
                mMinus.MultiplySmall(10);
                k--;
            }

            PointPosition = k;
            Count = 0;
            while (true)
            {
                r.MultiplySmall(10);
                mPlus.MultiplySmall(10);
                mMinus.MultiplySmall(10);
                int digit = 0;
                while (BigNat.Compare(r, s) >= 0)
                {
                    r.Subtract(s);
                    digit++;
                }

                int lowCompare = BigNat.Compare(r, mMinus);
                bool low = evenMantissa ? lowCompare <= 0 : lowCompare < 0;
                bool high = ReachesHigh(r, mPlus, s, evenMantissa);
                if (!low && !high)
                {
                    Digits[Count++] = (byte)('0' + digit);
                    continue;
                }

                if (low && high)
                {
                    BigNat twice = r.Clone();
                    twice.ShiftLeft(1);
                    int half = BigNat.Compare(twice, s);
                    if (half > 0 || (half == 0 && (digit & 1) == 1))
                    {
                        digit++;
                    }
                }
                else if (high)
                {
                    digit++;
                }

                Digits[Count++] = (byte)('0' + digit);
                break;
            }
        }

        private static bool ReachesHigh(BigNat r, BigNat mPlus, BigNat s, bool inclusive)
        {
            int compare = BigNat.CompareSum(r, mPlus, s);
            return inclusive ? compare >= 0 : compare > 0;
        }
    }
}
