using OpenAmi.Gateway.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The feeder's one simulated time. Waiting jumps the clock to the due time; with a finite
/// <see cref="Speed"/> it first lets the real time pass that jump is worth (speed 60: one simulated minute per
/// real second), so a run can be watched live, and <see cref="Wake"/> ends such a wait early. Pacing is by
/// deadline — simulated time t is due at real time t / speed since the start — so the many sub-millisecond waits
/// of a fast run add up instead of each rounding to nothing. Speed 0 runs as fast as the host allows.
/// </summary>
public sealed class SimulatedClock : IMonotonicClock, IWaiter
{
    private readonly object _sync = new();
    private readonly IRealTime _wall;
    private long _nowMs;

    public SimulatedClock(DateTime startUtc, double speed)
        : this(startUtc, speed, new HostRealTime())
    {
    }

    public SimulatedClock(DateTime startUtc, double speed, IRealTime wall)
    {
        if (speed < 0 || double.IsNaN(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), "speed must be 0 (as fast as possible) or positive");
        }

        StartUtc = startUtc;
        Speed = speed;
        _wall = wall;
    }

    public DateTime StartUtc { get; }

    public double Speed { get; }

    public long NowMs { get { lock (_sync) { return _nowMs; } } }

    /// <summary>True UTC in the simulated world (meters' own clocks may drift from it).</summary>
    public DateTime UtcNow => StartUtc.AddMilliseconds(NowMs);

    /// <summary>Simulated components (a bus transfer, a timeout) spend time: at once at speed 0, else paced.</summary>
    public void Advance(long ms)
    {
        if (ms < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ms), "time does not go backwards");
        }

        if (Speed > 0)
        {
            // A paced run spends bus time in real time too, so simulated time never runs ahead of the wall.
            _wall.Sleep(RealDelayUntil(NowMs + ms));
        }

        lock (_sync) { _nowMs += ms; }
    }

    public bool WaitUntil(long dueMs)
    {
        if (dueMs - NowMs <= 0)
        {
            return false;
        }

        if (Speed > 0)
        {
            double delay = RealDelayUntil(dueMs);
            if (delay > 0 && _wall.WaitForWake(delay))
            {
                // Woken early (a command arrived over the broker): simulated time only moves as far as real time did.
                long reached = Math.Min(dueMs, (long)(_wall.ElapsedMs * Speed));
                lock (_sync) { _nowMs = Math.Max(_nowMs, reached); }
                return true;
            }
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

    /// <summary>Another thread added work (a received command, a stop request): a paced wait ends now; at speed 0 nothing waits.</summary>
    public void Wake() => _wall.Wake();

    /// <summary>Real milliseconds until simulated <paramref name="simulatedMs"/> is due (negative when the run is behind).</summary>
    private double RealDelayUntil(long simulatedMs) => (simulatedMs / Speed) - _wall.ElapsedMs;
}
