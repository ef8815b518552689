namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// A zero-cross SSR (Sensata Crydom CX240D5 on the board): it starts conducting at the next mains voltage zero after its
/// drive appears and, being a triac, stops only at the next zero of the load current after the drive is removed: up
/// to half a cycle (10 ms at 50 Hz, 8.3 ms at 60 Hz; hardware/README.md). An inductive load shifts the current zero
/// by its lag. A welded SSR conducts whatever its drive.
/// </summary>
internal sealed class ZeroCrossSsr
{
    private readonly MainsTiming _mains;

    public ZeroCrossSsr(MainsTiming mains) => _mains = mains;

    public bool Conducting { get; private set; }

    /// <summary>Load current lag behind the voltage (0 = resistive load), in ticks.</summary>
    public long LoadLagTicks { get; set; }

    public void Step(long tick, bool drive, bool welded)
    {
        if (welded)
        {
            Conducting = true;
        }
        else if (drive != Conducting && _mains.IsZeroCrossing(tick, drive ? 0 : LoadLagTicks))
        {
            Conducting = drive;
        }
    }

    public bool IsSettled(bool drive, bool welded) => welded ? Conducting : drive == Conducting;

    /// <summary>Mains gone: nothing conducts.</summary>
    public void PowerOff() => Conducting = false;
}
