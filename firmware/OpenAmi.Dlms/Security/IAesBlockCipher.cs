namespace OpenAmi.Dlms.Security
{
    /// <summary>
    /// The AES-128 block function (FIPS 197), one 16-byte block at a time. Device: nanoFramework
    /// <c>System.Security.Cryptography.Aes</c> in ECB mode; host: .NET <c>Aes.EncryptEcb</c>. Everything above
    /// the block function (GCM, GMAC, DLMS ciphering) is portable code in this library.
    /// </summary>
    public interface IAesBlockCipher
    {
        /// <summary>Sets the 16-byte key used by following <see cref="EncryptBlock"/> calls.</summary>
        void SetKey(byte[] key);

        void EncryptBlock(byte[] input, int inputOffset, byte[] output, int outputOffset);
    }

    /// <summary>Source of unpredictable bytes (HLS challenges, dedicated keys).</summary>
    public interface IRandomSource
    {
        void NextBytes(byte[] buffer, int offset, int count);
    }
}
