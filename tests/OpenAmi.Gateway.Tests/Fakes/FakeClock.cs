using OpenAmi.Gateway.Ports;
using OpenAmi.Gateway.Scheduling;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Tests.Fakes;

/// <summary>Simulated time: waiting jumps the clock forward instead of sleeping. Thread-safe.</summary>
public sealed class FakeClock : IMonotonicClock, IWaiter
{
    private long _now;
    private readonly object _sync = new();

    public FakeClock(long start = 0) => _now = start;

    public long NowMs { get { lock (_sync) { return _now; } } }

    public int Wakes { get; private set; }

    public void Advance(long ms) { lock (_sync) { _now += ms; } }

    public bool WaitUntil(long dueMs)
    {
        lock (_sync)
        {
            if (dueMs > _now)
            {
                _now = dueMs;
            }
        }

        return false;
    }

    public void Wake() { lock (_sync) { Wakes++; } }
}

public sealed class RecordingReboot : IRebootPort
{
    public readonly List<string> Reasons = new();
    public readonly ManualResetEventSlim Called = new(false);

    public void Reboot(string reason)
    {
        lock (Reasons) { Reasons.Add(reason); }
        Called.Set();
    }
}

public static class SchedulerDriving
{
    /// <summary>Runs every step due up to <paramref name="endMs"/>, jumping the simulated clock to each next due time.</summary>
    public static void RunUntil(this Scheduler s, FakeClock clock, long endMs)
    {
        while (clock.NowMs <= endMs)
        {
            if (s.RunNext())
            {
                continue;
            }

            long next = s.NextDueMs;
            if (next > endMs)
            {
                return;
            }

            clock.WaitUntil(next);
        }
    }
}
