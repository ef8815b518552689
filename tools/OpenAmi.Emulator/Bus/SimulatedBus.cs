using System.Diagnostics;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Bus;

/// <summary>
/// A half-duplex multi-drop line (RS-485 pair or optical link) with real baud-rate timing: a byte written at
/// time t reaches the other endpoints at t + 10 bit times (start + 8 data/7 data + parity + stop), one after
/// the other, and the writer is busy until its last byte has left. Endpoints configured for a different baud
/// rate receive garbage, and 7E1/8N1 mismatches show up as the parity bit in bit 7, as on a real UART.
/// Overlapping transmissions (two masters, or a meter answering too early) are counted and garbled.
/// </summary>
public sealed class SimulatedBus
{
    private readonly object _gate = new();
    private readonly List<BusEndpoint> _endpoints = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _busyUntilTicks;
    private BusEndpoint? _lastTalker;

    /// <param name="timeScale">1 = real time; larger values slow the line down, 0 makes it instantaneous (unit tests).</param>
    public SimulatedBus(double timeScale = 1.0)
    {
        TimeScale = timeScale;
    }

    public double TimeScale { get; }
    public int Collisions { get; private set; }
    public long BytesCarried { get; private set; }

    internal long Now => _clock.ElapsedTicks;

    public BusEndpoint Attach(string name, int baud, LineFormat format = LineFormat.EightNoneOne)
    {
        var endpoint = new BusEndpoint(this, name, baud, format);
        lock (_gate)
        {
            _endpoints.Add(endpoint);
        }

        return endpoint;
    }

    /// <summary>Ticks one character takes at <paramref name="baud"/> (10 bits per character).</summary>
    internal long CharacterTicks(int baud) => (long)(10.0 / baud * Stopwatch.Frequency * TimeScale);

    internal long Transmit(BusEndpoint from, byte[] data, int offset, int count)
    {
        long perChar = CharacterTicks(from.Baud);
        lock (_gate)
        {
            long now = Now;
            long start = now;
            if (_busyUntilTicks > now && _lastTalker != from)
            {
                Collisions++;
            }
            else if (_busyUntilTicks > now)
            {
                start = _busyUntilTicks;
            }

            bool collided = _busyUntilTicks > now && _lastTalker != from;
            for (int i = 0; i < count; i++)
            {
                long at = start + (i + 1) * perChar;
                byte b = data[offset + i];
                foreach (var e in _endpoints)
                {
                    if (e != from || e.HearsItself)
                    {
                        e.Deliver(collided && e != from ? (byte)(b ^ 0xA5) : Translate(b, from, e), at);
                    }
                }
            }

            _busyUntilTicks = start + count * perChar;
            _lastTalker = from;
            BytesCarried += count;
            return _busyUntilTicks;
        }
    }

    private static byte Translate(byte b, BusEndpoint from, BusEndpoint to)
    {
        if (from.Baud != to.Baud)
        {
            // A receiver at the wrong speed samples framing garbage; keep it deterministic.
            return (byte)((b * 37 + from.Baud / to.Baud) ^ 0x5A);
        }

        if (from.Format == to.Format)
        {
            return b;
        }

        if (from.Format == LineFormat.SevenEvenOne)
        {
            int data = b & 0x7F;
            int parity = BitOperationsParity(data);
            return (byte)(data | (parity << 7));
        }

        return (byte)(b & 0x7F);
    }

    private static int BitOperationsParity(int v) => System.Numerics.BitOperations.PopCount((uint)v) & 1;

    /// <summary>Waits (real time, scaled) until the bus clock reaches <paramref name="ticks"/>.</summary>
    internal void WaitUntil(long ticks)
    {
        while (true)
        {
            long left = ticks - Now;
            if (left <= 0)
            {
                return;
            }

            double ms = left * 1000.0 / Stopwatch.Frequency;
            if (ms > 2)
            {
                Thread.Sleep((int)(ms - 1));
            }
            else
            {
                Thread.SpinWait(200);
            }
        }
    }
}

/// <summary>One device's connection to a <see cref="SimulatedBus"/>; implements the library's <see cref="IByteLink"/>.</summary>
public sealed class BusEndpoint : IByteLink
{
    private readonly SimulatedBus _bus;
    private readonly Queue<(byte Value, long At)> _inbox = new();
    private readonly object _gate = new();

    internal BusEndpoint(SimulatedBus bus, string name, int baud, LineFormat format)
    {
        _bus = bus;
        Name = name;
        Baud = baud;
        Format = format;
    }

    public string Name { get; }
    /// <summary>Receives its own transmissions too (optical heads and RS-485 adapters without receiver disable).</summary>
    public bool HearsItself { get; set; }
    public int Baud { get; private set; }
    public LineFormat Format { get; private set; }
    public long BytesWritten { get; private set; }
    public long BytesRead { get; private set; }

    internal void Deliver(byte value, long at)
    {
        lock (_gate)
        {
            _inbox.Enqueue((value, at));
            Monitor.PulseAll(_gate);
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        long done = _bus.Transmit(this, buffer, offset, count);
        BytesWritten += count;
        _bus.WaitUntil(done);
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        long deadline = _bus.Now + (long)(timeoutMs * (System.Diagnostics.Stopwatch.Frequency / 1000.0) * Math.Max(_bus.TimeScale, 1));
        while (true)
        {
            long firstAt;
            lock (_gate)
            {
                if (_inbox.Count == 0)
                {
                    long left = deadline - _bus.Now;
                    if (left <= 0)
                    {
                        return 0;
                    }

                    Monitor.Wait(_gate, TimeSpan.FromTicks(Math.Max(1, left * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)));
                    continue;
                }

                firstAt = _inbox.Peek().At;
                if (firstAt <= _bus.Now)
                {
                    int n = 0;
                    long now = _bus.Now;
                    while (n < count && _inbox.Count > 0 && _inbox.Peek().At <= now)
                    {
                        buffer[offset + n++] = _inbox.Dequeue().Value;
                    }

                    BytesRead += n;
                    return n;
                }
            }

            if (firstAt > deadline)
            {
                _bus.WaitUntil(deadline);
                return 0;
            }

            _bus.WaitUntil(firstAt);
        }
    }

    public void Configure(int baudRate, LineFormat format)
    {
        Baud = baudRate;
        Format = format;
    }

    public void DiscardInput()
    {
        lock (_gate)
        {
            long now = _bus.Now;
            while (_inbox.Count > 0 && _inbox.Peek().At <= now)
            {
                _inbox.Dequeue();
            }
        }
    }

    public void Delay(int milliseconds) =>
        _bus.WaitUntil(_bus.Now + (long)(milliseconds * (System.Diagnostics.Stopwatch.Frequency / 1000.0) * _bus.TimeScale));
}
