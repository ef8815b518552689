using OpenAmi.Emulator.Bus;

namespace OpenAmi.Emulator.Modbus;

/// <summary>
/// Modbus meter simulations on a <see cref="SimulatedBus"/>, sharing the line with emulated DLMS meters (the
/// pole's single RS-485 port). Frames are delimited the RTU way, by a silence longer than 3.5 characters
/// (Modbus over Serial Line V1.02, 2.5.1.1); a frame that is not a valid request for one of the units (HDLC
/// traffic, other units, bad CRC) is ignored, as a real slave would.
/// </summary>
public sealed class BusModbusSlaves : IDisposable
{
    private readonly BusEndpoint _port;
    private readonly List<ModbusMeterSimulation> _meters = new();
    private readonly Thread _thread;
    private readonly int _gapMs;
    private volatile bool _stop;

    public BusModbusSlaves(SimulatedBus bus, int baud, params ModbusMeterSimulation[] meters)
    {
        _port = bus.Attach("modbus-slaves", baud);
        _meters.AddRange(meters);
        // 3.5 characters of 10 bits, rounded up to whole milliseconds.
        _gapMs = (int)Math.Ceiling(3.5 * 10 * 1000.0 / baud);
        _thread = new Thread(Serve) { IsBackground = true, Name = "modbus-slaves" };
        _thread.Start();
    }

    /// <summary>Delay between the end of a request and the start of the answer.</summary>
    public int TurnaroundMs { get; set; } = 2;

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Serve()
    {
        var frame = new byte[512];
        int length = 0;
        while (!_stop)
        {
            int n = _port.Read(frame, length, frame.Length - length, length == 0 ? 50 : _gapMs);
            if (n > 0)
            {
                length = Math.Min(length + n, frame.Length - 1);
                continue;
            }

            if (length > 0)
            {
                // The endpoint hands over bytes without their arrival times, so on a loaded host the tail of the
                // previous (e.g. HDLC) frame and a request can come in one read; a master then waits in silence,
                // so the request is the last 8 bytes (functions 03/04). Bytes fewer than a request are kept: the host
                // may have paused the master's write for more than 3.5 characters, and the rest joins them.
                bool answered = Answer(frame.AsSpan(0, length).ToArray())
                    || (length > RequestLength && Answer(frame.AsSpan(length - RequestLength, RequestLength).ToArray()));
                if (answered || length >= RequestLength)
                {
                    length = 0;
                }
            }
        }
    }

    private const int RequestLength = 8;

    private bool Answer(byte[] request)
    {
        foreach (var meter in _meters)
        {
            var answer = meter.Handle(request);
            if (answer != null)
            {
                _port.Delay(TurnaroundMs);
                _port.Write(answer, 0, answer.Length);
                return true;
            }
        }

        return false;
    }
}
