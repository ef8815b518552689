namespace OpenAmi.Installer.Security
{
    /// <summary>
    /// HMAC-SHA256 under a key set once per derivation (the board's native HMACSHA256 or the host's), so PBKDF2's
    /// thousands of MACs under one password reuse one keyed instance.
    /// </summary>
    public interface IHmacSha256
    {
        void SetKey(byte[] key);

        /// <summary>
        /// Writes the 32-byte MAC of the whole of <paramref name="message"/> under the last key set into
        /// <paramref name="mac"/> (which may not be <paramref name="message"/>), so a caller looping over MACs reuses its buffers.
        /// </summary>
        void Mac(byte[] message, byte[] mac);
    }
}
