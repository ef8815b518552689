namespace OpenAmi.Emulator.Rcm;

/// <summary>The mains voltage's phase on the simulated time line: v = sin(2π f t), a rising zero crossing at tick 0.</summary>
internal sealed class MainsTiming
{
    public MainsTiming(int mainsHz)
    {
        if (mainsHz != 50 && mainsHz != 60)
        {
            throw new ArgumentOutOfRangeException(nameof(mainsHz), "mains must be 50 or 60 Hz");
        }

        Hz = mainsHz;
        HalfCycleTicks = SimulatedTime.TicksPerSecond / (2 * mainsHz);
    }

    public int Hz { get; }

    public int HalfCycleTicks { get; }

    /// <summary>Instantaneous mains voltage as a fraction of its peak.</summary>
    public double VoltageFraction(long tick) => Math.Sin(Math.PI * (tick % (2L * HalfCycleTicks)) / HalfCycleTicks);

    /// <summary>True at a zero crossing of a waveform lagging the voltage by <paramref name="lagTicks"/>.</summary>
    public bool IsZeroCrossing(long tick, long lagTicks) => ((tick - lagTicks) % HalfCycleTicks + HalfCycleTicks) % HalfCycleTicks == 0;
}
