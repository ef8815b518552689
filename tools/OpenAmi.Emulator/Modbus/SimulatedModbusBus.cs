using OpenAmi.Metering.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Modbus;

/// <summary>
/// One RS-485 bus with Modbus meters on it, in virtual time: every byte costs its character time at the
/// configured baud (start + data + parity + stop bits), every frame is preceded by the 3.5-character silence
/// Modbus RTU requires (Modbus over Serial Line V1.02, 2.5.1.1), meters answer after a turnaround latency,
/// and a read that gets nothing costs its full timeout. Also the metering layer's
/// monotonic clock, so sweep times come out in bus time.
/// </summary>
public sealed class SimulatedModbusBus : IByteLink, IMonotonicClock, ILineSpeed
{
    private readonly List<ModbusMeterSimulation> _meters = new();
    private readonly int _bitsPerCharacter;
    private double _charMs;
    private byte[]? _pending;
    private int _pendingRead;
    private double _pendingStartMs;
    private double _nowMs;

    public SimulatedModbusBus(int baud, int bitsPerCharacter = 10, double turnaroundMs = 10)
    {
        _bitsPerCharacter = bitsPerCharacter;
        SetBaud(baud);
        TurnaroundMs = turnaroundMs;
    }

    /// <summary>The master's speed; only meters set to the same speed understand its requests.</summary>
    public int Baud { get; private set; }

    public void SetBaud(int baud)
    {
        Baud = baud;
        _charMs = _bitsPerCharacter * 1000.0 / baud;
    }

    public double TurnaroundMs { get; set; }

    public long NowMs => (long)_nowMs;

    /// <summary>Exact virtual time, ms.</summary>
    public double NowExactMs => _nowMs;

    /// <summary>Time the wire itself needed: characters plus the 3.5-character gaps (the floor no master can beat).</summary>
    public double WireFloorMs { get; private set; }

    public long WireBytes { get; private set; }

    public double CharacterMs => _charMs;

    public void Add(ModbusMeterSimulation meter) => _meters.Add(meter);

    public void AdvanceMs(double ms) => _nowMs += ms;

    public void DiscardInput() => _pending = null;

    /// <summary>Speed only: the simulated meters decode any framing.</summary>
    public void Configure(int baudRate, LineFormat format) => SetBaud(baudRate);

    public void Delay(int milliseconds) => _nowMs += milliseconds;

    public void Write(byte[] buffer, int offset, int count)
    {
        var frame = buffer.AsSpan(offset, count).ToArray();
        Transmit(count);
        _pending = null;
        foreach (var meter in _meters)
        {
            var answer = meter.Baud == Baud ? meter.Handle(frame) : null;
            if (answer != null)
            {
                _nowMs += TurnaroundMs;
                _pending = answer;
                _pendingRead = 0;
                _pendingStartMs = _nowMs + 3.5 * _charMs;
                WireFloorMs += 3.5 * _charMs + answer.Length * _charMs;
                WireBytes += answer.Length;
                break;
            }
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        int available = _pending == null ? 0 : _pending.Length - _pendingRead;
        int n = Math.Min(count, available);
        if (n > 0)
        {
            Array.Copy(_pending!, _pendingRead, buffer, offset, n);
            _pendingRead += n;
            _nowMs = Math.Max(_nowMs, _pendingStartMs + _pendingRead * _charMs);
        }

        if (n == 0)
        {
            _nowMs += timeoutMs;
        }

        return n;
    }

    private void Transmit(int count)
    {
        double ms = 3.5 * _charMs + count * _charMs;
        _nowMs += ms;
        WireFloorMs += ms;
        WireBytes += count;
    }
}
