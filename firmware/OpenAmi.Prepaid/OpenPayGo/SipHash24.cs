using System;

namespace OpenAmi.Prepaid.OpenPayGo
{
    /// <summary>
    /// SipHash-2-4 (Aumasson &amp; Bernstein, "SipHash: a fast short-input PRF", 2012): 64-bit output,
    /// 128-bit key given as two little-endian words. Portable: nanoFramework has no implementation.
    /// Allocation-free; the caller owns the message buffer.
    /// </summary>
    public static class SipHash24
    {
        /// <summary>Reads the 16-byte key as the two little-endian words k0, k1 the algorithm uses.</summary>
        public static void ReadKey(byte[] key, out ulong k0, out ulong k1)
        {
            if (key == null || key.Length != 16)
            {
                throw new ArgumentException("SipHash key must be 16 bytes", "key");
            }

            k0 = ReadLittleEndian(key, 0, 8);
            k1 = ReadLittleEndian(key, 8, 8);
        }

        public static ulong Hash(ulong k0, ulong k1, byte[] message, int offset, int count)
        {
            ulong v0 = k0 ^ 0x736f6d6570736575UL;
            ulong v1 = k1 ^ 0x646f72616e646f6dUL;
            ulong v2 = k0 ^ 0x6c7967656e657261UL;
            ulong v3 = k1 ^ 0x7465646279746573UL;

            int end = offset + count;
            int fullEnd = offset + (count & ~7);
            for (int i = offset; i < fullEnd; i += 8)
            {
                ulong m = ReadLittleEndian(message, i, 8);
                v3 ^= m;
                Round(ref v0, ref v1, ref v2, ref v3);
                Round(ref v0, ref v1, ref v2, ref v3);
                v0 ^= m;
            }

            // Last block: the remaining bytes, little-endian, with the message length in the top byte.
            ulong last = ((ulong)count & 0xFF) << 56;
            last |= ReadLittleEndian(message, fullEnd, end - fullEnd);
            v3 ^= last;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= last;

            v2 ^= 0xFF;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
        {
            v0 += v1; v1 = Rotl(v1, 13); v1 ^= v0; v0 = Rotl(v0, 32);
            v2 += v3; v3 = Rotl(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Rotl(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Rotl(v1, 17); v1 ^= v2; v2 = Rotl(v2, 32);
        }

        private static ulong Rotl(ulong x, int b)
        {
            return (x << b) | (x >> (64 - b));
        }

        private static ulong ReadLittleEndian(byte[] data, int offset, int count)
        {
            ulong value = 0;
            for (int i = count - 1; i >= 0; i--)
            {
                value = (value << 8) | data[offset + i];
            }

            return value;
        }
    }
}
