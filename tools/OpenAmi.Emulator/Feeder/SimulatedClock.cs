using OpenAmi.Gateway.Ports;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The feeder's one simulated time. Waiting jumps the clock to the due time; with a finite
/// <see cref="Speed"/> it first sleeps the real time that jump is worth (speed 60: one simulated minute per
/// real second), so a run can be watched live. Speed 0 runs as fast as the host allows.
/// </summary>
public sealed class SimulatedClock : IMonotonicClock, IWaiter
{
    private readonly object _sync = new();
    private long _nowMs;

    public SimulatedClock(DateTime startUtc, double speed)
    {
        if (speed < 0 || double.IsNaN(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), "speed must be 0 (as fast as possible) or positive");
        }

        StartUtc = startUtc;
        Speed = speed;
    }

    public DateTime StartUtc { get; }

    public double Speed { get; }

    public long NowMs { get { lock (_sync) { return _nowMs; } } }

    /// <summary>True UTC in the simulated world (meters' own clocks may drift from it).</summary>
    public DateTime UtcNow => StartUtc.AddMilliseconds(NowMs);

    /// <summary>Simulated components (a bus transfer, a timeout) spend time without waiting.</summary>
    public void Advance(long ms)
    {
        if (ms < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ms), "time does not go backwards");
        }

        lock (_sync) { _nowMs += ms; }
    }

    public bool WaitUntil(long dueMs)
    {
        long delta = dueMs - NowMs;
        if (delta <= 0)
        {
            return false;
        }

        if (Speed > 0)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(delta / Speed));
        }

        lock (_sync)
        {
            if (dueMs > _nowMs)
            {
                _nowMs = dueMs;
            }
        }

        return false;
    }

    /// <summary>Single-threaded simulation: nothing sleeps concurrently, so there is nothing to wake.</summary>
    public void Wake()
    {
    }
}
