using System;
using System.Security.Cryptography;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Crypto
{
    /// <summary>
    /// HMAC-SHA256 with the gateway's command key (provisioned to I:\ with nanoff --filedeployment, never compiled in).
    /// nanoFramework's HMACSHA256 hashes a whole array, so the message slice is copied once per command.
    /// </summary>
    public sealed class HmacCommandKey : ICommandKey
    {
        private const int MacLength = 32;

        private readonly HMACSHA256 _hmac;

        public HmacCommandKey(byte[] key)
        {
            if (key == null || key.Length == 0)
            {
                throw new ArgumentException("the command key is empty", "key");
            }

            _hmac = new HMACSHA256(key);
        }

        public void ComputeMac(byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            var message = new byte[count];
            Array.Copy(data, offset, message, 0, count);
            byte[] hash = _hmac.ComputeHash(message);
            Array.Copy(hash, 0, mac, macOffset, MacLength);
        }
    }
}
