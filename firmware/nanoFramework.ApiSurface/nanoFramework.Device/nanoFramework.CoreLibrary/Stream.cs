// Checked against nanoframework/CoreLibrary nanoFramework.CoreLibrary/System/IO/Stream.cs (assembly mscorlib); only the
// members FileStream users call. Kept out of ../../mscorlib because no portable library needs streams.
namespace System.IO
{
    public abstract class Stream : MarshalByRefObject, IDisposable
    {
        public abstract long Length { get; }
        public abstract long Position { get; set; }
        public abstract int Read(byte[] buffer, int offset, int count);
        public abstract void Write(byte[] buffer, int offset, int count);
        public abstract long Seek(long offset, SeekOrigin origin);
        public abstract void Flush();
        public void Dispose() => throw null;
    }
}
