using System;

namespace OpenAmi.Dlms.Security
{
    /// <summary>
    /// AES-GCM (NIST SP 800-38D) with a 96-bit IV over an <see cref="IAesBlockCipher"/>. Buffers are
    /// allocated once per instance; encrypt/decrypt allocate nothing. GHASH multiplies bit by bit (no key
    /// tables) to keep RAM small on the ESP32; DLMS APDUs are short.
    /// Not thread-safe: one instance per association.
    /// </summary>
    public sealed class AesGcm
    {
        private readonly IAesBlockCipher _aes;
        private readonly byte[] _counter = new byte[16];
        private readonly byte[] _stream = new byte[16];
        private readonly byte[] _block = new byte[16];
        private ulong _hHigh, _hLow, _xHigh, _xLow;

        public AesGcm(IAesBlockCipher aes)
        {
            _aes = aes;
        }

        /// <summary>
        /// Encrypts data[offset..offset+count) into output (may be the same buffer) and writes a
        /// <paramref name="tagLength"/>-byte tag. With count 0 this is GMAC over the AAD.
        /// </summary>
        public void Encrypt(byte[] key, byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadCount,
            byte[] data, int offset, int count, byte[] output, int outputOffset, byte[] tag, int tagOffset, int tagLength)
        {
            Start(key, iv, ivOffset, aad, aadOffset, aadCount);
            Crypt(data, offset, count, output, outputOffset);
            Hash(output, outputOffset, count);
            Finish(aadCount, count, tag, tagOffset, tagLength);
        }

        /// <summary>
        /// Decrypts into output and returns whether the tag matched. The plaintext is written either way
        /// (callers such as a diagnostic decoder want to see it); protocol code must reject it when false.
        /// </summary>
        public bool Decrypt(byte[] key, byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadCount,
            byte[] data, int offset, int count, byte[] output, int outputOffset, byte[] tag, int tagOffset, int tagLength)
        {
            Start(key, iv, ivOffset, aad, aadOffset, aadCount);
            Hash(data, offset, count);
            Crypt(data, offset, count, output, outputOffset);
            Finish(aadCount, count, _block, 0, 16);
            int diff = 0;
            for (int i = 0; i < tagLength; i++)
            {
                diff |= _block[i] ^ tag[tagOffset + i];
            }

            return diff == 0 && tagLength >= 4 && tagLength <= 16;
        }

        private void Start(byte[] key, byte[] iv, int ivOffset, byte[] aad, int aadOffset, int aadCount)
        {
            _aes.SetKey(key);
            Array.Clear(_block, 0, 16);
            _aes.EncryptBlock(_block, 0, _block, 0);
            _hHigh = ReadUInt64(_block, 0);
            _hLow = ReadUInt64(_block, 8);
            _xHigh = 0;
            _xLow = 0;
            Array.Copy(iv, ivOffset, _counter, 0, 12);
            _counter[12] = 0;
            _counter[13] = 0;
            _counter[14] = 0;
            _counter[15] = 1;
            Hash(aad, aadOffset, aadCount);
        }

        private void Crypt(byte[] input, int offset, int count, byte[] output, int outputOffset)
        {
            for (int done = 0; done < count; done += 16)
            {
                Increment();
                _aes.EncryptBlock(_counter, 0, _stream, 0);
                int n = count - done < 16 ? count - done : 16;
                for (int i = 0; i < n; i++)
                {
                    output[outputOffset + done + i] = (byte)(input[offset + done + i] ^ _stream[i]);
                }
            }
        }

        private void Finish(int aadCount, int count, byte[] tag, int tagOffset, int tagLength)
        {
            ulong aadBits = (ulong)aadCount * 8;
            ulong dataBits = (ulong)count * 8;
            _xHigh ^= aadBits;
            _xLow ^= dataBits;
            MultiplyByH();
            // Tag = E(K, J0) xor GHASH; J0 is the IV with counter 1.
            _counter[12] = 0;
            _counter[13] = 0;
            _counter[14] = 0;
            _counter[15] = 1;
            _aes.EncryptBlock(_counter, 0, _stream, 0);
            WriteUInt64(_block, 0, _xHigh);
            WriteUInt64(_block, 8, _xLow);
            for (int i = 0; i < tagLength; i++)
            {
                tag[tagOffset + i] = (byte)(_stream[i] ^ _block[i]);
            }
        }

        private void Hash(byte[] data, int offset, int count)
        {
            for (int done = 0; done < count; done += 16)
            {
                int n = count - done < 16 ? count - done : 16;
                Array.Clear(_block, 0, 16);
                Array.Copy(data, offset + done, _block, 0, n);
                _xHigh ^= ReadUInt64(_block, 0);
                _xLow ^= ReadUInt64(_block, 8);
                MultiplyByH();
            }
        }

        /// <summary>X = X · H in GF(2^128) with GCM's reflected bit order (SP 800-38D Algorithm 1).</summary>
        private void MultiplyByH()
        {
            ulong zHigh = 0, zLow = 0, vHigh = _hHigh, vLow = _hLow;
            for (int i = 0; i < 128; i++)
            {
                ulong bit = i < 64 ? (_xHigh >> (63 - i)) & 1 : (_xLow >> (127 - i)) & 1;
                if (bit != 0)
                {
                    zHigh ^= vHigh;
                    zLow ^= vLow;
                }

                bool carry = (vLow & 1) != 0;
                vLow = (vLow >> 1) | (vHigh << 63);
                vHigh >>= 1;
                if (carry)
                {
                    vHigh ^= 0xE100000000000000UL;
                }
            }

            _xHigh = zHigh;
            _xLow = zLow;
        }

        private void Increment()
        {
            for (int i = 15; i >= 12; i--)
            {
                if (++_counter[i] != 0)
                {
                    break;
                }
            }
        }

        private static ulong ReadUInt64(byte[] b, int at)
        {
            ulong v = 0;
            for (int i = 0; i < 8; i++)
            {
                v = (v << 8) | b[at + i];
            }

            return v;
        }

        private static void WriteUInt64(byte[] b, int at, ulong v)
        {
            for (int i = 7; i >= 0; i--)
            {
                b[at + i] = (byte)v;
                v >>= 8;
            }
        }
    }
}
