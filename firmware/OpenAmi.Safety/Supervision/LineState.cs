namespace OpenAmi.Safety.Supervision
{
    public enum LineState
    {
        /// <summary>Open on command (or never closed since power-up).</summary>
        Off = 0,

        /// <summary>Closed with the fast path armed, inside the bounded probe window.</summary>
        Probing = 1,

        On = 2,

        /// <summary>Opened by earth leakage; only the re-energise policy can close it.</summary>
        Tripped = 3,

        /// <summary>The protection is not proven healthy (sensor, self-test, module error); stays open.</summary>
        Faulted = 4,

        /// <summary>Open until the board's local reset (persisted across reboots).</summary>
        LockedOut = 5,
    }
}
