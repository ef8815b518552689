// Upstream: github.com/nanoframework/System.IO.FileSystem tag v1.1.87 (commit 2f5d90d0fc9312abb8fae55148d8ca05de509036),
// System.IO.FileSystem/{File,FileStream,FileMode,FileAccess,Directory}.cs.
// Device facts from that source: Flush is a no-op because every Write is synced; FileStream.Read allocates a
// count-sized buffer per call. FileAccess is [Flags] Read = 1, Write = 2, ReadWrite = 3, the same values as
// nf-interpreter's native FileAccess enum; Directory.GetFiles(string path) returns string[] of full paths: the ESP32
// native (nanoframework/nf-interpreter targets/ESP32/_nanoCLR/System.IO.FileSystem/
// nf_sys_io_filesystem_System_IO_Directory.cpp, GetFilesNative → BuildPathsArray → CombinePathAndName) joins the folder
// as given and the name with exactly one '\', so GetFiles(@"I:\") yields @"I:\<name>".
namespace System.IO
{
    public enum FileMode { CreateNew = 1, Create = 2, Open = 3, OpenOrCreate = 4, Truncate = 5, Append = 6 }

    [Flags]
    public enum FileAccess { Read = 1, Write = 2, ReadWrite = 3 }

    public static class File
    {
        public static bool Exists(string path) => throw null;
        public static void Delete(string path) => throw null;
    }

    public static class Directory
    {
        public static string[] GetFiles(string path) => throw null;
    }

    public class FileStream : Stream
    {
        public FileStream(string path, FileMode mode) { }
        public FileStream(string path, FileMode mode, FileAccess access) { }
        public override long Length => throw null;
        public override long Position { get => throw null; set => throw null; }
        public override int Read(byte[] buffer, int offset, int count) => throw null;
        public override void Write(byte[] buffer, int offset, int count) => throw null;
        public override long Seek(long offset, SeekOrigin origin) => throw null;
        public override void Flush() => throw null;
    }
}
