using System;
using System.Security.Cryptography;
using OpenAmi.Installer.Security;

namespace OpenAmi.Firmware.Esp32.Adapters.Crypto
{
    /// <summary>
    /// The installer password's PBKDF2 over the board's native HMACSHA256: one keyed instance per derivation, so the
    /// 10,000 MACs of one check allocate only their 32-byte results (nanoFramework's ComputeHash returns a new array;
    /// it has no form that writes into the caller's).
    /// </summary>
    public sealed class NativeHmacSha256 : IHmacSha256
    {
        private const int MacLength = 32;

        private HMACSHA256 _hmac;

        public void SetKey(byte[] key)
        {
            if (_hmac != null)
            {
                _hmac.Dispose();
            }

            _hmac = new HMACSHA256(key);
        }

        public void Mac(byte[] message, byte[] mac) => Array.Copy(_hmac.ComputeHash(message), mac, MacLength);
    }
}
