namespace OpenAmi.Emulator.Dlms;

/// <summary>
/// Faults an emulated meter injects into its next replies (each counter is consumed one reply at a time):
/// silence, a flipped byte, a wrong FCS, garbage before the frame, and a fixed extra reply delay.
/// </summary>
public sealed class FaultPlan
{
    private int _silent;
    private int _corrupt;
    private int _wrongFcs;
    private int _garbage;

    public int SilentReplies { get => _silent; set => _silent = value; }
    public int CorruptReplies { get => _corrupt; set => _corrupt = value; }
    public int WrongFcsReplies { get => _wrongFcs; set => _wrongFcs = value; }
    public int GarbageBeforeReplies { get => _garbage; set => _garbage = value; }
    /// <summary>Added before every reply (a slow meter).</summary>
    public int ReplyDelayMs { get; set; }
    public int InjectedFaults { get; private set; }

    internal bool TakeSilence() => Take(ref _silent);
    internal bool TakeCorrupt() => Take(ref _corrupt);
    internal bool TakeWrongFcs() => Take(ref _wrongFcs);
    internal bool TakeGarbage() => Take(ref _garbage);

    private bool Take(ref int counter)
    {
        while (true)
        {
            int value = Volatile.Read(ref counter);
            if (value <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, value - 1, value) == value)
            {
                InjectedFaults++;
                return true;
            }
        }
    }
}
