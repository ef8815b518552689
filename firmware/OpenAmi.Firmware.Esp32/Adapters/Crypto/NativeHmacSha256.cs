using System.Security.Cryptography;
using OpenAmi.Installer.Security;

namespace OpenAmi.Firmware.Esp32.Adapters.Crypto
{
    /// <summary>
    /// The installer password's PBKDF2 over the board's native HMACSHA256: one keyed instance per derivation, so the
    /// 10,000 MACs of one check allocate only their 32-byte results.
    /// </summary>
    public sealed class NativeHmacSha256 : IHmacSha256
    {
        private HMACSHA256 _hmac;

        public void SetKey(byte[] key)
        {
            if (_hmac != null)
            {
                _hmac.Dispose();
            }

            _hmac = new HMACSHA256(key);
        }

        public byte[] Mac(byte[] message) => _hmac.ComputeHash(message);
    }
}
