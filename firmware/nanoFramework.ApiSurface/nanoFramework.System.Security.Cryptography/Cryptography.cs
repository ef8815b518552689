// Checked against nanoframework/System.Security.Cryptography System.Security.Cryptography/{Aes,CipherMode,HMACSHA256}.cs
// (package nanoFramework.System.Security.Cryptography 1.0.x). Both APIs take and return whole arrays: every call allocates.
namespace System.Security.Cryptography
{
    public enum CipherMode { None = 0, CBC = 1, ECB = 2 }

    public class Aes
    {
        public Aes(CipherMode mode) { }
        public CipherMode Mode { get => throw null; set => throw null; }
        public byte[] Key { get => throw null; set => throw null; }
        public byte[] Encrypt(byte[] data) => throw null;
    }

    public class HMACSHA256 : IDisposable
    {
        public HMACSHA256(byte[] key) { }
        public byte[] ComputeHash(byte[] buffer) => throw null;
        public void Dispose() => throw null;
    }
}
