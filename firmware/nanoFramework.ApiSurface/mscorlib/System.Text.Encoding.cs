// Checked against nanoframework/CoreLibrary nanoFramework.CoreLibrary/System/Text/{Encoding,UTF8Encoding}.cs (1.x).
// Deliberately absent: Encoding.GetString(byte[]) — use GetString(bytes, index, count).
namespace System.Text
{
    [Serializable]
    public abstract class Encoding
    {
        public abstract byte[] GetBytes(string s);
        public virtual int GetBytes(string s, int charIndex, int charCount, byte[] bytes, int byteIndex) => throw null;
        public abstract char[] GetChars(byte[] bytes);
        public abstract char[] GetChars(byte[] bytes, int byteIndex, int byteCount);
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
        public override string GetString(byte[] bytes, int index, int count) => throw null;
        public override Decoder GetDecoder() => throw null;
    }

    public abstract class Decoder
    {
        public abstract void Convert(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex, int charCount,
            bool flush, out int bytesUsed, out int charsUsed, out bool completed);
    }
}
