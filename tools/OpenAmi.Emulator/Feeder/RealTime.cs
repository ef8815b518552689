using System.Diagnostics;

namespace OpenAmi.Emulator.Feeder;

/// <summary>Real time as a paced <see cref="SimulatedClock"/> sees it: how much has passed, and ways to let it pass.</summary>
public interface IRealTime
{
    /// <summary>Real milliseconds since the clock was made.</summary>
    double ElapsedMs { get; }

    /// <summary>Lets about <paramref name="ms"/> pass (a bus transfer: nothing ends it early).</summary>
    void Sleep(double ms);

    /// <summary>Lets up to <paramref name="ms"/> pass; true when <see cref="Wake"/> ended it (or had been called since the last wait).</summary>
    bool WaitForWake(double ms);

    void Wake();
}

/// <summary>The host's real time. Waits shorter than a millisecond are skipped: pacing is by deadline, so a later wait makes up for them.</summary>
public sealed class HostRealTime : IRealTime
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly object _wake = new();
    private bool _woken;

    public double ElapsedMs => _watch.Elapsed.TotalMilliseconds;

    public void Sleep(double ms)
    {
        if (ms >= 1)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(ms));
        }
    }

    public bool WaitForWake(double ms)
    {
        lock (_wake)
        {
            bool woken = _woken || (ms >= 1 && Monitor.Wait(_wake, TimeSpan.FromMilliseconds(ms)));
            _woken = false;
            return woken;
        }
    }

    public void Wake()
    {
        lock (_wake)
        {
            _woken = true;
            Monitor.PulseAll(_wake);
        }
    }
}
