using System.Net;
using System.Net.Sockets;

namespace OpenAmi.Emulator.Net;

/// <summary>
/// Accepts TCP connections on a loopback (or given) port, one at a time, and hands each to a session callback on
/// its own thread: the shape shared by the emulator's TCP serial server, wrapper meter and Modbus TCP slave.
/// </summary>
public sealed class TcpListenerHost : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Thread _thread;
    private readonly Action<NetworkStream, CancellationToken> _session;
    private readonly CancellationTokenSource _stop = new();

    /// <param name="port">0 picks a free port (see <see cref="Port"/>).</param>
    public TcpListenerHost(string name, IPAddress address, int port, Action<NetworkStream, CancellationToken> session)
    {
        _session = session;
        _listener = new TcpListener(address, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far.</summary>
    public int Connections { get; private set; }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = _listener.AcceptTcpClient();
            }
            catch (SocketException)
            {
                return; // listener stopped
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Connections++;
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                // Sessions wake up this often to notice Dispose.
                stream.ReadTimeout = 200;
                try
                {
                    _session(stream, _stop.Token);
                }
                catch (IOException)
                {
                    // The peer went away; wait for the next connection.
                }
            }
        }
    }

    /// <summary>Fills buffer[offset, offset + count); false when the client closed the connection or the host stops.</summary>
    public static bool ReadExactly(NetworkStream stream, byte[] buffer, int offset, int count, CancellationToken stop)
    {
        int got = 0;
        while (got < count)
        {
            if (stop.IsCancellationRequested)
            {
                return false;
            }

            int n;
            try
            {
                n = stream.Read(buffer, offset + got, count - got);
            }
            catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
            {
                continue;
            }

            if (n == 0)
            {
                return false;
            }

            got += n;
        }

        return true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _thread.Join(2000);
        _stop.Dispose();
    }
}
