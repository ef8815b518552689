using OpenAmi.Emulator.Device;
using OpenAmi.Emulator.Bus;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// One half-duplex RS-485 line in the feeder's simulated time, as the gateway's <see cref="IByteLink"/>: every
/// byte costs its character time at the current baud and framing (start + data + parity + stop bits), an answer
/// starts after the device's turnaround, and a read that waits for bytes that never come costs its full
/// timeout. Time spent on the wire moves the one <see cref="SimulatedClock"/>, so sweeps take bus time. DLMS
/// (HDLC) and Modbus RTU devices share a line; an optical head is a bus whose speed the gateway changes (IEC
/// 62056-21 sign-on at 300 Bd, then HDLC at the negotiated speed).
/// </summary>
public sealed class FeederBus : IByteLink
{
    private readonly SimulatedClock _clock;
    private readonly List<IBusDevice> _devices = new();
    private double _charMs;
    private double _exactMs;
    private byte[]? _pending;
    private int _pendingRead;
    private double _pendingStartMs;

    public FeederBus(SimulatedClock clock, int baud, double turnaroundMs = 10)
    {
        _clock = clock;
        TurnaroundMs = turnaroundMs;
        Configure(baud, LineFormat.EightNoneOne);
    }

    public double TurnaroundMs { get; }

    /// <summary>The speed the gateway set last (devices listening at another speed hear only noise).</summary>
    public int Baud { get; private set; }

    public long BytesCarried { get; private set; }

    /// <summary>Runs as each frame goes on the wire, so devices answer from physics brought up to that moment.</summary>
    public Action? BeforeFrame { get; init; }

    public void Add(IBusDevice device) => _devices.Add(device);

    public void Configure(int baudRate, LineFormat format)
    {
        // 8N1 and 7E1 both make 10-bit characters (start, 7 or 8 data, parity if any, stop).
        Baud = baudRate;
        _charMs = 10 * 1000.0 / baudRate;
    }

    public void DiscardInput() => _pending = null;

    public void Delay(int milliseconds) => Spend(milliseconds);

    public void Write(byte[] buffer, int offset, int count)
    {
        // The bus and its meters are not the gateway: a steady-state measurement leaves them out.
        using var hostSide = HostSideAllocations.Begin();
        var frame = buffer.AsSpan(offset, count).ToArray();
        Spend(count * _charMs);
        BeforeFrame?.Invoke();
        BytesCarried += count;
        _pending = null;
        foreach (var device in _devices)
        {
            if (device is ModbusFeederMeter modbus && modbus.Simulation.Baud != Baud)
            {
                // A UART at another speed hears line noise (a factory-fresh SDM120 at 2400 Bd on a 9600 Bd feeder).
                continue;
            }

            var answer = device.Handle(frame);
            if (answer != null)
            {
                _pending = answer;
                _pendingRead = 0;
                double delay = device is ITimedBusDevice timed ? timed.LastReplyDelayMs : 0;
                _pendingStartMs = Now() + Math.Max(TurnaroundMs, delay);
                BytesCarried += answer.Length;
                return;
            }
        }
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        double now = Now();
        int remaining = _pending == null ? 0 : _pending.Length - _pendingRead;
        if (remaining == 0 || _pendingStartMs + (_pendingRead + 1) * _charMs > now + timeoutMs)
        {
            Spend(timeoutMs);
            return 0;
        }

        int n = Math.Min(count, remaining);
        Array.Copy(_pending!, _pendingRead, buffer, offset, n);
        _pendingRead += n;
        double lastByteAt = _pendingStartMs + _pendingRead * _charMs;
        if (lastByteAt > now)
        {
            Spend(lastByteAt - now);
        }

        return n;
    }

    /// <summary>The bus's exact time, caught up with the world when the gateway was idle.</summary>
    private double Now()
    {
        if (_clock.NowMs > _exactMs)
        {
            _exactMs = _clock.NowMs;
        }

        return _exactMs;
    }

    private void Spend(double ms)
    {
        _exactMs = Now() + ms;
        long whole = (long)_exactMs - _clock.NowMs;
        if (whole > 0)
        {
            _clock.Advance(whole);
        }
    }
}
