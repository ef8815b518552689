namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// The line's 2-pole isolating relay in series with the SSR (board step of issues 23/27: L and N switched, reinforced
/// coil–contact insulation). Its coil is LATCH_QN ∧ SSR_ARM, no firmware term: a set latch or a board disarm opens the
/// line even when the SSR is welded. Contacts close <see cref="OperateMs"/> after the coil is energised and open
/// <see cref="ReleaseMs"/> after it drops (the board engineer's nominal figures; the ngspice harness runs the 13 ms worst
/// case including bounce).
/// </summary>
internal sealed class IsolatingRelay
{
    public const int OperateMs = 10;
    public const int ReleaseMs = 5;

    private bool _coil;
    private long _coilChangedTick;

    public bool Closed { get; private set; }

    public void Step(long tick, bool coil)
    {
        if (coil != _coil)
        {
            _coil = coil;
            _coilChangedTick = tick;
        }

        long delay = (coil ? OperateMs : ReleaseMs) * (long)SimulatedTime.TicksPerMillisecond;
        if (Closed != coil && tick - _coilChangedTick >= delay)
        {
            Closed = coil;
        }
    }

    public bool IsSettled(bool coil) => coil == _coil && Closed == coil;

    /// <summary>Power gone: the coil drops at once and the contacts are open when power returns.</summary>
    public void PowerOff()
    {
        _coil = false;
        Closed = false;
    }
}
