// Upstream: github.com/nanoframework/System.IO.Streams tag v1.1.96 (commit e6d0ae8b640fa2b1b701f671801c662d16d9cd00),
// System.IO.Streams/{Stream,SeekOrigin}.cs.
// Stream and SeekOrigin live in this assembly, not in the 1.17.x mscorlib. Only the members FileStream users call.
namespace System.IO
{
    public enum SeekOrigin
    {
        Begin = 0,
        Current = 1,
        End = 2,
    }

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
