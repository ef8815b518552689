using System.Diagnostics;
using OpenAmi.Dlms;
using OpenAmi.Platform;

namespace OpenAmi.Cli.Dlms;

/// <summary>
/// A serial port on Linux without System.IO.Ports: line settings through `stty` (termios), bytes through a
/// FileStream on the tty. VMIN=0/VTIME=1 makes each read return after at most 0.1 s, which gives timeouts.
/// </summary>
public sealed class SttySerialLink : IByteLink, IDisposable
{
    private readonly string _device;
    private readonly FileStream _stream;
    private int _baud;

    public SttySerialLink(string device, int baud, LineFormat format)
    {
        if (!File.Exists(device))
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, $"serial device {device} does not exist");
        }

        _device = device;
        Configure(baud, format);
        _stream = new FileStream(device, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
    }

    public void Configure(int baudRate, LineFormat format)
    {
        string framing = format == LineFormat.SevenEvenOne ? "cs7 parenb -parodd" : "cs8 -parenb";
        var psi = new ProcessStartInfo("stty", $"-F {_device} {baudRate} {framing} -cstopb raw -echo -ixon -ixoff -crtscts clocal cread min 0 time 1")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var stty = Process.Start(psi) ?? throw new DlmsException(DlmsErrorCode.NotSupported, "cannot run stty");
        string error = stty.StandardError.ReadToEnd();
        stty.WaitForExit();
        if (stty.ExitCode != 0)
        {
            throw new DlmsException(DlmsErrorCode.NotSupported, $"stty failed on {_device}: {error.Trim()}");
        }

        _baud = baudRate;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        _stream.Write(buffer, offset, count);
        _stream.Flush();
        // No tcdrain without P/Invoke: wait for the bytes' wire time so that the contract (drained) holds.
        Thread.Sleep((count * 10 * 1000 + _baud - 1) / _baud + 2);
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        do
        {
            int n = _stream.Read(buffer, offset, count);
            if (n > 0)
            {
                return n;
            }
        }
        while (Environment.TickCount64 < deadline);
        return 0;
    }

    public void DiscardInput()
    {
        var scratch = new byte[256];
        while (_stream.Read(scratch, 0, scratch.Length) > 0)
        {
        }
    }

    public void Delay(int milliseconds) => Thread.Sleep(milliseconds);

    public void Dispose() => _stream.Dispose();
}
