using System.Security.Cryptography;
using OpenAmi.Dlms.Security;

namespace OpenAmi.Emulator.Dlms;

/// <summary>The AES-128 block function on desktop .NET (ECB over one block), the host side of <see cref="IAesBlockCipher"/>.</summary>
public sealed class HostAesBlockCipher : IAesBlockCipher, IDisposable
{
    private readonly Aes _aes = Aes.Create();

    public void SetKey(byte[] key)
    {
        if (key is not { Length: 16 })
        {
            throw new ArgumentException("AES-128 needs a 16-byte key", nameof(key));
        }

        _aes.Key = key;
    }

    public void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset) =>
        _aes.EncryptEcb(input.AsSpan(inputOffset, 16), output.AsSpan(outputOffset, 16), PaddingMode.None);

    public void Dispose() => _aes.Dispose();
}

/// <summary>Cryptographic randomness for challenges and dedicated keys on desktop .NET.</summary>
public sealed class HostRandomSource : IRandomSource
{
    public void NextBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
}
