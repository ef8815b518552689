using System;

namespace OpenAmi.Json.Numbers
{
    /// <summary>
    /// A small mutable unsigned big integer (little-endian 32-bit limbs), just enough for exact
    /// decimal/binary conversion of doubles. Used only off the fast paths.
    /// </summary>
    internal sealed class BigNat
    {
        private uint[] _limbs;
        private int _length;

        public BigNat(ulong value)
        {
            _limbs = new uint[8];
            _limbs[0] = (uint)value;
            _limbs[1] = (uint)(value >> 32);
            _length = 2;
            Trim();
        }

        private BigNat(uint[] limbs, int length)
        {
            _limbs = limbs;
            _length = length;
        }

        public bool IsZero => _length == 0;

        public BigNat Clone()
        {
            uint[] copy = new uint[_limbs.Length];
            Array.Copy(_limbs, copy, _length);
            return new BigNat(copy, _length);
        }

        public int BitLength
        {
            get
            {
                if (_length == 0)
                {
                    return 0;
                }

                uint top = _limbs[_length - 1];
                int bits = 0;
                while (top != 0)
                {
                    bits++;
                    top >>= 1;
                }

                return (_length - 1) * 32 + bits;
            }
        }

        /// <summary>The low 64 bits (callers use it once the value is known to fit).</summary>
        public ulong Low64 => (_length > 0 ? _limbs[0] : 0u) | ((ulong)(_length > 1 ? _limbs[1] : 0u) << 32);

        public void MultiplySmall(uint factor)
        {
            ulong carry = 0;
            for (int i = 0; i < _length; i++)
            {
                ulong product = (ulong)_limbs[i] * factor + carry;
                _limbs[i] = (uint)product;
                carry = product >> 32;
            }

            if (carry != 0)
            {
                EnsureCapacity(_length + 1);
                _limbs[_length++] = (uint)carry;
            }

            Trim();
        }

        public void AddSmall(uint addend)
        {
            ulong carry = addend;
            for (int i = 0; i < _length && carry != 0; i++)
            {
                ulong sum = (ulong)_limbs[i] + carry;
                _limbs[i] = (uint)sum;
                carry = sum >> 32;
            }

            if (carry != 0)
            {
                EnsureCapacity(_length + 1);
                _limbs[_length++] = (uint)carry;
            }
        }

        public void MultiplyPow10(int exponent)
        {
            while (exponent >= 9)
            {
                MultiplySmall(1000000000);
                exponent -= 9;
            }

            uint factor = 1;
            while (exponent-- > 0)
            {
                factor *= 10;
            }

            if (factor != 1)
            {
                MultiplySmall(factor);
            }
        }

        public void ShiftLeft(int bits)
        {
            if (_length == 0 || bits == 0)
            {
                return;
            }

            int limbShift = bits / 32;
            int bitShift = bits % 32;
            int newLength = _length + limbShift + 1;
            EnsureCapacity(newLength);
            for (int i = _length - 1 + limbShift + 1; i >= 0; i--)
            {
                int src = i - limbShift;
                uint high = src < _length && src >= 0 ? _limbs[src] : 0u;
                uint low = src - 1 < _length && src - 1 >= 0 ? _limbs[src - 1] : 0u;
                _limbs[i] = bitShift == 0 ? high : (high << bitShift) | (low >> (32 - bitShift));
            }

            _length = newLength;
            Trim();
        }

        public void ShiftRightOne()
        {
            for (int i = 0; i < _length; i++)
            {
                uint next = i + 1 < _length ? _limbs[i + 1] : 0u;
                _limbs[i] = (_limbs[i] >> 1) | (next << 31);
            }

            Trim();
        }

        public void Add(BigNat other)
        {
            int length = _length > other._length ? _length : other._length;
            EnsureCapacity(length + 1);
            ulong carry = 0;
            for (int i = 0; i < length; i++)
            {
                ulong sum = (ulong)(i < _length ? _limbs[i] : 0u) + (i < other._length ? other._limbs[i] : 0u) + carry;
                _limbs[i] = (uint)sum;
                carry = sum >> 32;
            }

            _limbs[length] = (uint)carry;
            _length = length + 1;
            Trim();
        }

        /// <summary>this -= other; the caller guarantees this >= other.</summary>
        public void Subtract(BigNat other)
        {
            long borrow = 0;
            for (int i = 0; i < _length; i++)
            {
                long diff = (long)_limbs[i] - (i < other._length ? other._limbs[i] : 0u) - borrow;
                borrow = diff < 0 ? 1 : 0;
                _limbs[i] = (uint)(diff + (borrow << 32));
            }

            Trim();
        }

        public static int Compare(BigNat a, BigNat b)
        {
            if (a._length != b._length)
            {
                return a._length < b._length ? -1 : 1;
            }

            for (int i = a._length - 1; i >= 0; i--)
            {
                if (a._limbs[i] != b._limbs[i])
                {
                    return a._limbs[i] < b._limbs[i] ? -1 : 1;
                }
            }

            return 0;
        }

        /// <summary>Compares a + b with c without changing any of them.</summary>
        public static int CompareSum(BigNat a, BigNat b, BigNat c)
        {
            BigNat sum = a.Clone();
            sum.Add(b);
            return Compare(sum, c);
        }

        private void EnsureCapacity(int limbs)
        {
            if (_limbs.Length < limbs)
            {
                int size = _limbs.Length * 2;
                uint[] grown = new uint[size > limbs ? size : limbs];
                Array.Copy(_limbs, grown, _length);
                _limbs = grown;
            }
        }

        private void Trim()
        {
            while (_length > 0 && _limbs[_length - 1] == 0)
            {
                _length--;
            }
        }
    }
}
