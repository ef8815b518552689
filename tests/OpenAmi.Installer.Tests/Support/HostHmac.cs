using System.Security.Cryptography;
using OpenAmi.Installer.Security;

namespace OpenAmi.Installer.Tests.Support;

/// <summary>The MAC port over .NET's HMACSHA256, a second implementation beside the board's native one.</summary>
public sealed class HostHmac : IHmacSha256
{
    private byte[] _key = [];

    public byte[] Key => _key;

    public void SetKey(byte[] key) => _key = (byte[])key.Clone();

    public void Mac(byte[] message, byte[] mac) => HMACSHA256.HashData(_key, message, mac);
}
