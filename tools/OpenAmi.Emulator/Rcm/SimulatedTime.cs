using OpenAmi.Gateway.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Rcm;

/// <summary>Simulated hardware that evolves with time; it must reach exactly the given tick.</summary>
public interface ITimeDriven
{
    void RunUntil(long tick);
}

/// <summary>
/// Simulated time for a pole board, in ticks of 1/48 000 s: an integer number of ticks per ADC sample at 2.4 kHz (20),
/// per half-cycle at 50 Hz (480) and at 60 Hz (400), so sample instants and mains zero crossings never round.
/// Time moves only when the code under test waits (Sleep, a sample capture) or a test advances it; every attached
/// piece of hardware is then run up to the new instant. Single-threaded: drive it from one thread (the safety thread).
/// </summary>
public sealed class SimulatedTime : IMonotonicClock, IWallClock, IDelay
{
    public const int TicksPerSecond = 48_000;
    public const int TicksPerMillisecond = TicksPerSecond / 1000;

    private readonly List<ITimeDriven> _hardware = new();

    public long Ticks { get; private set; }

    /// <summary>False: the simulated wall clock was never set (SNTP, modem, meter), so Safety dates attempts as unknown.</summary>
    public bool IsSynchronized { get; set; } = true;

    /// <summary>Unix time at tick 0 (default 2026-01-01T00:00:00Z).</summary>
    public long UnixSecondsAtStart { get; set; } = 1_767_225_600;

    public long NowMs => Ticks / TicksPerMillisecond;

    public DateTime UtcNow => DateTime.UnixEpoch.AddSeconds(UnixSecondsAtStart).AddTicks(Ticks * TimeSpan.TicksPerSecond / TicksPerSecond);

    public double Seconds => (double)Ticks / TicksPerSecond;

    public void Attach(ITimeDriven hardware) => _hardware.Add(hardware);

    public void Delay(int milliseconds) => Advance(milliseconds);

    public void Advance(long milliseconds) => AdvanceTicks(checked(milliseconds * TicksPerMillisecond));

    public void AdvanceTicks(long ticks)
    {
        if (ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ticks), "simulated time never goes backwards");
        }

        long target = Ticks + ticks;
        foreach (var hardware in _hardware)
        {
            hardware.RunUntil(target);
        }

        Ticks = target;
    }

    public static long MillisecondsToTicks(double milliseconds) => (long)Math.Round(milliseconds * TicksPerMillisecond);

    public static double TicksToMilliseconds(long ticks) => (double)ticks / TicksPerMillisecond;
}
