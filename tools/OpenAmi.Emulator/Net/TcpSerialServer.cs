using System.Net;
using System.Net.Sockets;
using OpenAmi.Emulator.Bus;

namespace OpenAmi.Emulator.Net;

/// <summary>
/// An RS-485-to-Ethernet converter in raw TCP mode (a "TCP serial server"): whatever a TCP client sends goes onto
/// the simulated line at the line's baud rate, and whatever the line carries goes back to the client unchanged.
/// HDLC (and Modbus RTU) framing stays end to end; one client at a time, as on most converters.
/// </summary>
public sealed class TcpSerialServer : IDisposable
{
    private readonly BusEndpoint _line;
    private readonly TcpListenerHost _host;

    /// <param name="port">TCP port on the loopback interface; 0 picks a free one (see <see cref="Port"/>).</param>
    public TcpSerialServer(SimulatedBus bus, int baud, int port = 0, IPAddress? address = null)
    {
        _line = bus.Attach("tcp-serial-server", baud);
        _host = new TcpListenerHost("tcp serial server", address ?? IPAddress.Loopback, port, Bridge);
    }

    public int Port => _host.Port;

    private void Bridge(NetworkStream stream, CancellationToken stop)
    {
        var buffer = new byte[1024];
        _line.DiscardInput();
        while (!stop.IsCancellationRequested)
        {
            if (stream.DataAvailable)
            {
                int n = stream.Read(buffer, 0, buffer.Length);
                _line.Write(buffer, 0, n);
                continue;
            }

            if (stream.Socket.Poll(0, SelectMode.SelectRead) && stream.Socket.Available == 0)
            {
                return; // the client closed the connection
            }

            int heard = _line.Read(buffer, 0, buffer.Length, 5);
            if (heard > 0)
            {
                stream.Write(buffer, 0, heard);
            }
        }
    }

    public void Dispose() => _host.Dispose();
}
