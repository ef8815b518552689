using OpenAmi.Northbound.Ports;

namespace OpenAmi.Northbound.Tests.Support;

/// <summary>An in-memory file store whose files can be copied and cut, to simulate a power cut at any byte.</summary>
public sealed class MemoryFileStore : IFileStore
{
    public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public int AppendCalls { get; private set; }

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
        AppendCalls++;
        byte[] old = Files.TryGetValue(name, out byte[]? data) ? data : [];
        byte[] grown = new byte[old.Length + count];
        old.CopyTo(grown, 0);
        Array.Copy(buffer, offset, grown, old.Length, count);
        Files[name] = grown;
    }

    public void Write(string name, byte[] buffer, int offset, int count) => Files[name] = buffer.AsSpan(offset, count).ToArray();

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
