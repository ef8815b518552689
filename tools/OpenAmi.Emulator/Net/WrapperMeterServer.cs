using System.Net;
using System.Net.Sockets;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Link;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Emulator.Net;

/// <summary>
/// An emulated meter with an IP link: the DLMS server of a <see cref="MeterProfile"/> behind the IEC 62056-47 wrapper
/// on a TCP port. Its logical device answers on the wPort of the profile's upper HDLC address; APDUs for another
/// wPort get no answer (as a meter ignores frames for another SAP). A new connection starts a new association;
/// a wrapper header with an unknown version closes the connection.
/// </summary>
public sealed class WrapperMeterServer : IDisposable
{
    private readonly TcpListenerHost _host;

    /// <param name="port">TCP port on the loopback interface (4059 is the registered one); 0 picks a free one.</param>
    public WrapperMeterServer(MeterProfile profile, int port = 0, IPAddress? address = null)
    {
        State = new EmulatedMeterState(profile);
        Server = new DlmsServer(State);
        _host = new TcpListenerHost("wrapper meter " + profile.Name, address ?? IPAddress.Loopback, port, Serve);
    }

    public int Port => _host.Port;
    public EmulatedMeterState State { get; }
    public DlmsServer Server { get; }
    /// <summary>Wrapped APDUs received (answered or not).</summary>
    public int ApdusReceived { get; private set; }

    private void Serve(NetworkStream stream, CancellationToken stop)
    {
        Server.Reset();
        var header = new byte[WrapperCodec.HeaderLength];
        while (TcpListenerHost.ReadExactly(stream, header, 0, header.Length, stop))
        {
            int length;
            int source;
            int destination;
            try
            {
                length = WrapperCodec.ReadHeader(header, 0, out source, out destination);
            }
            catch (DlmsException)
            {
                return;
            }

            var apdu = new byte[length];
            if (!TcpListenerHost.ReadExactly(stream, apdu, 0, apdu.Length, stop))
            {
                return;
            }

            ApdusReceived++;
            if (destination != State.Profile.ServerUpper)
            {
                continue;
            }

            var answer = Server.Handle(apdu);
            if (answer == null)
            {
                continue;
            }

            var frame = new byte[WrapperCodec.HeaderLength + answer.Length];
            WrapperCodec.WriteHeader(destination, source, answer.Length, frame, 0);
            answer.CopyTo(frame, WrapperCodec.HeaderLength);
            stream.Write(frame, 0, frame.Length);
        }
    }

    public void Dispose() => _host.Dispose();
}
