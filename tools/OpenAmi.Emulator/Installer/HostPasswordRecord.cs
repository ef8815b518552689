using System.Security.Cryptography;
using OpenAmi.Installer.Security;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Emulator.Installer;

/// <summary>
/// The board's installer password record made on a host: the product's PBKDF2 over .NET's HMAC-SHA256 and a fresh
/// random salt, so a record written here (emulator, `openami config installer-password`) checks on a board.
/// </summary>
public static class HostPasswordRecord
{
    public static InstallerPassword Provision(IFileStore store, string password) =>
        InstallerPassword.Provision(store, new Pbkdf2PasswordHasher(new HostHmacSha256(), Pbkdf2PasswordHasher.Iterations), password,
            RandomNumberGenerator.GetBytes(InstallerPassword.SaltLength));
}
