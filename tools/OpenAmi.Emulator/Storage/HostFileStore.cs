using Microsoft.Win32.SafeHandles;
using OpenAmi.Emulator.Device;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Emulator.Storage;

/// <summary>
/// The file store of Northbound and Prepaid on a host directory (the device adapter uses I:\ on LittleFS), through file
/// handles and positioned reads and writes rather than streams, so the platform's share of the gateway's allocations
/// stays small.
/// </summary>
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
        string path = PathOf(name);
        if (!File.Exists(path))
        {
            return -1;
        }

        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return checked((int)RandomAccess.GetLength(handle));
        }
        catch (FileNotFoundException)
        {
            return -1; // deleted since it was seen
        }
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        using var hostSide = HostSideAllocations.Begin();
        using SafeFileHandle handle = File.OpenHandle(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        int total = 0;
        while (total < count)
        {
            int read = RandomAccess.Read(handle, buffer.AsSpan(offset + total, count - total), position + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Append(string name, byte[] buffer, int offset, int count) => Store(name, FileMode.OpenOrCreate, buffer, offset, count);

    public void Write(string name, byte[] buffer, int offset, int count) => Store(name, FileMode.Create, buffer, offset, count);

    public void Delete(string name)
    {
        using var hostSide = HostSideAllocations.Begin();
        File.Delete(PathOf(name));
    }

    /// <summary>Writes at the end of what <paramref name="mode"/> leaves of the file, then flushes to the disk.</summary>
    private void Store(string name, FileMode mode, byte[] buffer, int offset, int count)
    {
        using var hostSide = HostSideAllocations.Begin();
        using SafeFileHandle handle = File.OpenHandle(PathOf(name), mode, FileAccess.Write, FileShare.Read);
        RandomAccess.Write(handle, buffer.AsSpan(offset, count), RandomAccess.GetLength(handle));
        RandomAccess.FlushToDisk(handle);
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
