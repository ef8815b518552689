using System.Net.Sockets;
using OpenAmi.Dlms;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Net;

/// <summary>
/// A TCP connection as the library's byte link: the serial side of an RS-485-to-Ethernet converter in raw TCP mode
/// (HDLC or Modbus RTU bytes pass unchanged), or a meter's own IP port carrying the IEC 62056-47 wrapper.
/// The converter's line speed is set on the converter, so <see cref="Configure"/> only accepts 8N1 framing;
/// the optical sign-on, which must change speed mid-session, is refused.
/// </summary>
public sealed class TcpByteLink : IByteLink, IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    public TcpByteLink(string host, int port, int connectTimeoutMs = 5000)
    {
        _client = new TcpClient { NoDelay = true };
        try
        {
            if (!_client.ConnectAsync(host, port).Wait(connectTimeoutMs))
            {
                throw new DlmsException(DlmsErrorCode.Timeout, $"no TCP connection to {host}:{port} within {connectTimeoutMs} ms");
            }
        }
        catch (AggregateException e) when (e.InnerException is SocketException s)
        {
            _client.Dispose();
            throw new DlmsException(DlmsErrorCode.LinkRefused, $"TCP connection to {host}:{port} failed: {s.Message}");
        }

        _stream = _client.GetStream();
    }

    /// <summary>"host:port" (an IPv6 literal in brackets); <paramref name="defaultPort"/> when the port is left out.</summary>
    public static (string Host, int Port) ParseEndpoint(string text, int defaultPort)
    {
        int colon = text.LastIndexOf(':');
        bool bracketed = text.StartsWith('[');
        if (colon < 0 || (bracketed && colon < text.IndexOf(']')))
        {
            return (bracketed ? text.Trim('[', ']') : text, ValidPort(defaultPort, text));
        }

        if (!int.TryParse(text[(colon + 1)..], out int port))
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, $"'{text}' is not host:port");
        }

        string host = text[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            throw new DlmsException(DlmsErrorCode.InvalidArgument, $"'{text}' has no host");
        }

        return (host, ValidPort(port, text));
    }

    private static int ValidPort(int port, string text) => port is > 0 and <= 65535 ? port
        : throw new DlmsException(DlmsErrorCode.InvalidArgument, $"'{text}' needs a TCP port 1–65535");

    public void Write(byte[] buffer, int offset, int count) => _stream.Write(buffer, offset, count);

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        _stream.ReadTimeout = Math.Max(1, timeoutMs);
        try
        {
            int n = _stream.Read(buffer, offset, count);
            if (n == 0)
            {
                throw new DlmsException(DlmsErrorCode.LinkRefused, "the TCP peer closed the connection");
            }

            return n;
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
        {
            return 0;
        }
    }

    public void Configure(int baudRate, LineFormat format)
    {
        if (format != LineFormat.EightNoneOne)
        {
            throw new DlmsException(DlmsErrorCode.NotSupported, "a TCP link cannot change the converter's line format (no optical sign-on over TCP)");
        }
    }

    public void DiscardInput()
    {
        while (_client.Available > 0)
        {
            _stream.ReadExactly(new byte[_client.Available]);
        }
    }

    public void Delay(int milliseconds) => Thread.Sleep(milliseconds);

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
