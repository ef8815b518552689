using System.Security.Cryptography;
using OpenAmi.Installer.Security;

namespace OpenAmi.Emulator.Installer;

/// <summary>The installer password's hash on the host: PBKDF2-HMAC-SHA256 (RFC 8018), 32 bytes.</summary>
public sealed class HostPasswordHasher(int iterations) : IPasswordHasher
{
    /// <summary>The count every record is provisioned with, the board's (<see cref="Pbkdf2PasswordHasher.Iterations"/>).</summary>
    public const int DefaultIterations = Pbkdf2PasswordHasher.Iterations;

    public byte[] Hash(byte[] salt, byte[] password) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, InstallerPassword.HashLength);
}
