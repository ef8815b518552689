// Upstream: github.com/nanoframework/System.Security.Cryptography tag v1.0.38 (commit 5303628f6e1a5d8981e923dcc1b500064c8eb88b),
// System.Security.Cryptography/{Aes,CipherMode,HMACSHA256}.cs.
// Both APIs take and return whole arrays: every call allocates.
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
