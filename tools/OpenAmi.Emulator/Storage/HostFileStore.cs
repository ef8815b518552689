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

    public string[] List() => Directory.GetFiles(_directory).Select(Path.GetFileName).OfType<string>().ToArray();

    public int Length(string name)
    {
        FileInfo info = new(PathOf(name));
        return info.Exists ? checked((int)info.Length) : -1;
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
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

    public void Append(string name, byte[] buffer, int offset, int count)
    {
        using FileStream stream = new(PathOf(name), FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(buffer, offset, count);
        stream.Flush(flushToDisk: true);
    }

    public void Write(string name, byte[] buffer, int offset, int count)
    {
        using FileStream stream = new(PathOf(name), FileMode.Create, FileAccess.Write, FileShare.Read);
        stream.Write(buffer, offset, count);
        stream.Flush(flushToDisk: true);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    private string PathOf(string name)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name == "." || name == "..")
        {
            throw new ArgumentException($"'{name}' is not a plain file name", nameof(name));
        }

        return Path.Combine(_directory, name);
    }
}
