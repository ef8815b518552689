using System.Text;
using OpenAmi.Emulator.Storage;

namespace OpenAmi.Emulator.Tests.Storage;

/// <summary>
/// The emulator's file store keeps the port's contract (OpenAmi.Storage.Ports.IFileStore): -1 for a missing file, append
/// creates and extends, write replaces the whole content, reads from a position, deleting a missing file is no error.
/// </summary>
public sealed class HostFileStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "openami-hostfilestore-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Keeps_the_file_store_contract()
    {
        var store = new HostFileStore(_directory);
        Assert.Equal(-1, store.Length("seg-0001"));

        store.Append("seg-0001", Encoding.ASCII.GetBytes("xxabc"), 2, 3);
        store.Append("seg-0001", Encoding.ASCII.GetBytes("defg"), 0, 4);
        Assert.Equal(7, store.Length("seg-0001"));
        Assert.Equal("cdefg", Read(store, "seg-0001", 2, 16));

        store.Write("seg-0001", Encoding.ASCII.GetBytes("XY"), 0, 2);
        Assert.Equal(2, store.Length("seg-0001"));
        Assert.Equal("XY", Read(store, "seg-0001", 0, 16));

        store.Write("mark", Encoding.ASCII.GetBytes("1"), 0, 1);
        Assert.Equal(new[] { "mark", "seg-0001" }, store.List().OrderBy(n => n, StringComparer.Ordinal));

        store.Delete("seg-0001");
        store.Delete("seg-0001");
        Assert.Equal(-1, store.Length("seg-0001"));
        Assert.Throws<ArgumentException>(() => store.Length("../escape"));
    }

    private static string Read(HostFileStore store, string name, int position, int count)
    {
        var buffer = new byte[count];
        int read = store.Read(name, position, buffer, 0, count);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
