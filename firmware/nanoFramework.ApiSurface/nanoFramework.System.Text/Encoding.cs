// Upstream: github.com/nanoframework/System.Text tag v1.3.42 (commit a231e6e090940b21dc8a1593ffc09179f08ff1b0),
// nanoFramework.System.Text/Text/{Encoding,UTF8Encoding,Decoder}.cs (not mscorlib), Tests/NFUnitTestEncoding/EncodingTests.cs
// and nanoframework/nf-interpreter src/nanoFramework.System.Text/nf_system_text.h (native UTF8Encoding/UTF8Decoder).
// Deliberately absent: Encoding.GetString(byte[]) — use GetString(bytes, index, count).
// Device trap: UTF8 decoding stops at the first 0x00 byte (upstream test Utf8EncodingTests_TestASCIIWithNull).
namespace System.Text
{
    [Serializable]
    public abstract class Encoding
    {
        public virtual byte[] GetBytes(string s) => throw null;
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw null;
        public virtual char[] GetChars(byte[] bytes) => throw null;
        public virtual char[] GetChars(byte[] bytes, int byteIndex, int byteCount) => throw null;
        public virtual string GetString(byte[] bytes, int index, int count) => throw null;
        public abstract Decoder GetDecoder();
        public static Encoding UTF8 => throw null;
    }

    [Serializable]
    public class UTF8Encoding : Encoding
    {
        public UTF8Encoding() { }
        public override byte[] GetBytes(string s) => throw null;
        public override int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw null;
        public override char[] GetChars(byte[] bytes) => throw null;
        public override char[] GetChars(byte[] bytes, int byteIndex, int byteCount) => throw null;
        public override Decoder GetDecoder() => throw null;
    }

    public abstract class Decoder
    {
        public abstract void Convert(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, int charCount,
            bool flush, out int bytesUsed, out int charsUsed, out bool completed);
    }
}
