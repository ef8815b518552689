using OpenAmi.Storage.Ports;

namespace OpenAmi.TestSupport;

/// <summary>
/// An in-memory file store whose files can be copied, cut, corrupted or torn mid-write, to simulate a power cut at
/// any byte. Shared with the Northbound, Prepaid and Cellular tests (linked into their projects).
/// </summary>
public sealed class MemoryFileStore : IFileStore
{
    private int? _tearAfterBytes;

    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public bool FailWrites { get; set; }

    /// <summary>The next <see cref="Write"/> stores only its first <paramref name="bytes"/> bytes, then "the power goes".</summary>
    public void TearNextWrite(int bytes) => _tearAfterBytes = bytes;

    public void FlipBit(string name, int byteIndex) => Files[name][byteIndex] ^= 0x01;

    public string[] List() => Files.Keys.ToArray();

    public int Length(string name) => Files.TryGetValue(name, out byte[]? data) ? data.Length : -1;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        byte[] data = Files[name];
        int n = Math.Max(0, Math.Min(count, data.Length - position));
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    public void Append(string name, byte[] buffer, int offset, int count)
    {
        byte[] old = Files.TryGetValue(name, out byte[]? data) ? data : [];
        byte[] grown = new byte[old.Length + count];
        old.CopyTo(grown, 0);
        Array.Copy(buffer, offset, grown, old.Length, count);
        Files[name] = grown;
    }

    public void Write(string name, byte[] buffer, int offset, int count)
    {
        if (FailWrites)
        {
            throw new IOException("flash write failed");
        }

        if (_tearAfterBytes is { } torn)
        {
            _tearAfterBytes = null;

            // Flash keeps the old bytes beyond the torn point only if the write does not erase first; the worst
            // case is an erased file holding a prefix of the new content.
            Files[name] = buffer.AsSpan(offset, Math.Min(torn, count)).ToArray();
            throw new IOException("power cut during write");
        }

        Files[name] = buffer.AsSpan(offset, count).ToArray();
    }

    public void Delete(string name) => Files.Remove(name);

    public MemoryFileStore Clone()
    {
        MemoryFileStore copy = new();
        foreach ((string name, byte[] data) in Files)
        {
            copy.Files[name] = (byte[])data.Clone();
        }

        return copy;
    }
}
