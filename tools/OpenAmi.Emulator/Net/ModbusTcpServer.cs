using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using OpenAmi.Emulator.Modbus;

namespace OpenAmi.Emulator.Net;

/// <summary>
/// The emulator's Modbus meters as a Modbus TCP server (MODBUS Messaging on TCP/IP Implementation Guide V1.0b
/// §3.1.3: MBAP header = transaction id, protocol id 0, length of unit id + PDU, unit id), so that an independent
/// master such as mbpoll can read them. Each request is handed to the meter with that unit id as the RTU frame
/// it would see on the line (unit, PDU, CRC); its answer goes back without the CRC. A unit nobody answers for
/// gets exception 0x0B (gateway target device failed to respond), as a Modbus gateway reports it.
/// </summary>
public sealed class ModbusTcpServer : IDisposable
{
    private const int MbapLength = 7;
    private const byte GatewayTargetFailed = 0x0B;
    private readonly ModbusMeterSimulation[] _meters;
    private readonly TcpListenerHost _host;

    /// <param name="port">TCP port on the loopback interface (502 is the registered one); 0 picks a free one.</param>
    public ModbusTcpServer(int port, params ModbusMeterSimulation[] meters)
    {
        _meters = meters;
        _host = new TcpListenerHost("modbus tcp", IPAddress.Loopback, port, Serve);
    }

    public int Port => _host.Port;

    private void Serve(NetworkStream stream, CancellationToken stop)
    {
        var header = new byte[MbapLength];
        while (TcpListenerHost.ReadExactly(stream, header, 0, header.Length, stop))
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
            if (BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)) != 0 || length < 2 || length > 254)
            {
                return; // not Modbus: drop the connection
            }

            var rtu = new byte[length + 2];
            rtu[0] = header[6];
            if (!TcpListenerHost.ReadExactly(stream, rtu, 1, length - 1, stop))
            {
                return;
            }

            ushort crc = ModbusMeterSimulation.Crc(rtu, length);
            rtu[length] = (byte)crc;
            rtu[length + 1] = (byte)(crc >> 8);
            byte[]? answer = null;
            foreach (var meter in _meters)
            {
                answer ??= meter.Handle(rtu);
            }

            // The answer's PDU is the RTU frame without unit id and CRC.
            byte[] pdu = answer == null ? new[] { (byte)(rtu[1] | 0x80), GatewayTargetFailed } : answer[1..^2];
            var reply = new byte[MbapLength + pdu.Length];
            header.AsSpan(0, 4).CopyTo(reply);
            BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(4), (ushort)(pdu.Length + 1));
            reply[6] = header[6];
            pdu.CopyTo(reply, MbapLength);
            stream.Write(reply, 0, reply.Length);
        }
    }

    public void Dispose() => _host.Dispose();
}
