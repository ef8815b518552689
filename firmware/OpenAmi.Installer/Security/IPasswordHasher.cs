namespace OpenAmi.Installer.Security
{
    /// <summary>
    /// A slow salted hash of the installer password, 32 bytes (the emulator's is PBKDF2-HMAC-SHA256; a board's would be
    /// the same derivation over its native HMACSHA256, so it lives behind this port).
    /// </summary>
    public interface IPasswordHasher
    {
        byte[] Hash(byte[] salt, byte[] password);
    }
}
