using System.Net;
using System.Net.Sockets;

namespace OpenAmi.TestSupport;

/// <summary>A TCP port on the loopback interface that nothing listens on at the moment of asking.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
