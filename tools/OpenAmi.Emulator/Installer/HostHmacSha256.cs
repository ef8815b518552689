using System.Security.Cryptography;
using OpenAmi.Installer.Security;

namespace OpenAmi.Emulator.Installer;

/// <summary>
/// The host's HMAC-SHA256 under the product's own PBKDF2 (<see cref="Pbkdf2PasswordHasher"/>), as the board puts its
/// native HMACSHA256 under it: the emulator derives the installer password's hash with the code the board runs.
/// </summary>
public sealed class HostHmacSha256 : IHmacSha256
{
    private byte[] _key = [];

    public void SetKey(byte[] key) => _key = (byte[])key.Clone();

    public void Mac(byte[] message, byte[] mac) => HMACSHA256.HashData(_key, message, mac);
}
