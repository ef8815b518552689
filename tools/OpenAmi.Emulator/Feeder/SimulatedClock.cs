using OpenAmi.Gateway.Ports;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The feeder's one simulated time. Waiting jumps the clock to the due time; with a finite
/// <see cref="Speed"/> it first sleeps the real time that jump is worth (speed 60: one simulated minute per
/// real second), so a run can be watched live, and <see cref="Wake"/> ends such a sleep early. Speed 0 runs as fast as
/// the host allows.
/// </summary>
public sealed class SimulatedClock : IMonotonicClock, IWaiter
{
    private readonly object _sync = new();
    private readonly object _wake = new();
    private bool _woken;
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
            Thread.Sleep(TimeSpan.FromMilliseconds(ms / Speed));
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
            var slept = System.Diagnostics.Stopwatch.StartNew();
            bool woken;
            lock (_wake)
            {
                woken = _woken || Monitor.Wait(_wake, TimeSpan.FromMilliseconds(delta / Speed));
                _woken = false;
            }

            if (woken)
            {
                // Woken early (a command arrived over the broker): simulated time only moves as far as real time did.
                long spent = Math.Min(delta, (long)(slept.Elapsed.TotalMilliseconds * Speed));
                lock (_sync) { _nowMs += spent; }
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
    public void Wake()
    {
        lock (_wake)
        {
            _woken = true;
            Monitor.PulseAll(_wake);
        }
    }
}
