namespace OpenAmi.Northbound.Ports
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104, FIPS 180-4) keyed with this gateway's command key. The key stays behind the port
    /// (device: nanoFramework HMACSHA256 with the key from secure config; host: System.Security.Cryptography).
    /// </summary>
    public interface ICommandKey
    {
        /// <summary>Writes the 32-byte MAC of data[offset..offset+count) to mac[macOffset..].</summary>
        void ComputeMac(byte[] data, int offset, int count, byte[] mac, int macOffset);
    }
}
