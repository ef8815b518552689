using System.Security.Cryptography;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Emulator.Storage;

/// <summary>HMAC-SHA256 with the gateway's command key, from System.Security.Cryptography (the device adapter uses nanoFramework's HMACSHA256).</summary>
public sealed class HostCommandKey(byte[] key) : ICommandKey
{
    private readonly byte[] _key = (byte[])key.Clone();

    public void ComputeMac(byte[] data, int offset, int count, byte[] mac, int macOffset) =>
        HMACSHA256.HashData(_key, data.AsSpan(offset, count), mac.AsSpan(macOffset, HMACSHA256.HashSizeInBytes));
}
