using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Prepaid.Tests.Fakes;

/// <summary>In-memory slots that can simulate a power cut in the middle of a write (a torn write).</summary>
public sealed class MemoryStore : IPrepaidStore
{
    private readonly Dictionary<(string, int), byte[]> _slots = [];
    private int? _tearAfterBytes;

    public int Writes { get; private set; }

    public bool FailWrites { get; set; }

    /// <summary>The next write stores only its first <paramref name="bytes"/> bytes, then "the power goes".</summary>
    public void TearNextWrite(int bytes) => _tearAfterBytes = bytes;

    public int Read(string name, int slot, byte[] buffer)
    {
        if (!_slots.TryGetValue((name, slot), out var data))
        {
            return -1;
        }

        data.CopyTo(buffer, 0);
        return data.Length;
    }

    public void Write(string name, int slot, byte[] data, int offset, int count)
    {
        if (FailWrites)
        {
            throw new IOException("flash write failed");
        }

        Writes++;
        if (_tearAfterBytes is { } torn)
        {
            _tearAfterBytes = null;
            // Flash keeps the old bytes beyond the torn point only if the write does not erase first; the worst
            // case for us is an erased slot holding a prefix of the new record.
            _slots[(name, slot)] = data.AsSpan(offset, Math.Min(torn, count)).ToArray();
            throw new IOException("power cut during write");
        }

        _slots[(name, slot)] = data.AsSpan(offset, count).ToArray();
    }

    public void FlipBit(string name, int slot, int byteIndex) => _slots[(name, slot)][byteIndex] ^= 0x01;
}
