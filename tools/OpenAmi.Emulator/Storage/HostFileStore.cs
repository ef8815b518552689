using OpenAmi.Emulator.Device;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Emulator.Storage;

/// <summary>The file store of Northbound and Prepaid on a host directory (the device adapter uses I:\ on LittleFS).</summary>
public sealed class HostFileStore : IFileStore
{
    private readonly string _directory;

    public HostFileStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    // Every operation is the platform's adapter, not the gateway: its allocations are counted apart (HostSideAllocations).
    public string[] List()
    {
        using var hostSide = HostSideAllocations.Begin();
        return Directory.GetFiles(_directory).Select(Path.GetFileName).OfType<string>().ToArray();
    }

    public int Length(string name)
    {
        using var hostSide = HostSideAllocations.Begin();
        FileInfo info = new(PathOf(name));
        return info.Exists ? checked((int)info.Length) : -1;
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        using var hostSide = HostSideAllocations.Begin();
        using FileStream stream = new(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Position = position;
        int total = 0;
        while (total < count)
        {
            int read = stream.Read(buffer, offset + total, count - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Append(string name, byte[] buffer, int offset, int count) => Store(name, FileMode.Append, buffer, offset, count);

    public void Write(string name, byte[] buffer, int offset, int count) => Store(name, FileMode.Create, buffer, offset, count);

    public void Delete(string name)
    {
        using var hostSide = HostSideAllocations.Begin();
        File.Delete(PathOf(name));
    }

    private void Store(string name, FileMode mode, byte[] buffer, int offset, int count)
    {
        using var hostSide = HostSideAllocations.Begin();
        using FileStream stream = new(PathOf(name), mode, FileAccess.Write, FileShare.Read);
        stream.Write(buffer, offset, count);
        stream.Flush(flushToDisk: true);
    }

    private string PathOf(string name)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name == "." || name == "..")
        {
            throw new ArgumentException($"'{name}' is not a plain file name", nameof(name));
        }

        return Path.Combine(_directory, name);
    }
}
