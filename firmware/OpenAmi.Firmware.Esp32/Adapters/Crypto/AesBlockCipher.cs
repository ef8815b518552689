using System;
using System.Security.Cryptography;
using OpenAmi.Dlms.Security;

namespace OpenAmi.Firmware.Esp32.Adapters.Crypto
{
    /// <summary>
    /// AES-128 block function over nanoFramework's Aes in ECB mode (one 16-byte block = one ECB call). The device API
    /// returns a new array per call, so each block allocates 16 bytes; GCM above it is portable code in OpenAmi.Dlms.
    /// </summary>
    public sealed class AesBlockCipher : IAesBlockCipher
    {
        private const int BlockSize = 16;

        private readonly Aes _aes = new Aes(CipherMode.ECB);
        private readonly byte[] _block = new byte[BlockSize];

        public void SetKey(byte[] key)
        {
            if (key == null || key.Length != BlockSize)
            {
                throw new ArgumentException("AES-128 needs a 16-byte key", "key");
            }

            var copy = new byte[BlockSize];
            Array.Copy(key, copy, BlockSize);
            _aes.Key = copy;
        }

        public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            Array.Copy(input, inputOffset, _block, 0, BlockSize);
            byte[] cipher = _aes.Encrypt(_block);
            Array.Copy(cipher, 0, output, outputOffset, BlockSize);
        }
    }
}
