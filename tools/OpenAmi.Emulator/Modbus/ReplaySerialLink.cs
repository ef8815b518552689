using OpenAmi.Platform;

namespace OpenAmi.Emulator.Modbus;

/// <summary>A link that ignores what is written and plays back one fixed answer per <see cref="Rewind"/> (allocation-free, for measuring the master).</summary>
public sealed class ReplaySerialLink(byte[] answer) : IByteLink
{
    private int _read;

    public void Rewind() => _read = 0;

    public void DiscardInput() { }

    public void Write(byte[] buffer, int offset, int count) { }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        int n = Math.Min(count, answer.Length - _read);
        Array.Copy(answer, _read, buffer, offset, n);
        _read += n;
        return n;
    }

    public void Configure(int baudRate, LineFormat format) { }

    public void Delay(int milliseconds) { }
}
