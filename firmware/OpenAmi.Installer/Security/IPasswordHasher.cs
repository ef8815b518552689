namespace OpenAmi.Installer.Security
{
    /// <summary>
    /// A slow salted hash of the installer password (PBKDF2-HMAC-SHA256 on both targets; the device's HMACSHA256 is
    /// a native call, so the derivation lives behind this port). Returns 32 bytes.
    /// </summary>
    public interface IPasswordHasher
    {
        byte[] Hash(byte[] salt, byte[] password);
    }
}
