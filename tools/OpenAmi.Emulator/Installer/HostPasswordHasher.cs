using System.Security.Cryptography;
using OpenAmi.Installer.Security;

namespace OpenAmi.Emulator.Installer;

/// <summary>The installer password's hash on the host: PBKDF2-HMAC-SHA256 (RFC 8018), 32 bytes.</summary>
public sealed class HostPasswordHasher(int iterations) : IPasswordHasher
{
    /// <summary>
    /// Every API request is checked against the hash, so the count is what a request can afford; online guessing is
    /// bounded by the lockout, and the count only slows an attack on a copied record.
    /// </summary>
    public const int DefaultIterations = 10_000;

    public byte[] Hash(byte[] salt, byte[] password) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, InstallerPassword.HashLength);
}
