namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>
    /// The three kinds of work sharing the gateway's one application loop, most urgent first.
    /// Numeric values are the priority order.
    /// </summary>
    public enum Lane
    {
        /// <summary>Head-end commands, keypad tokens, on-demand reads: a person or system is waiting.</summary>
        Command = 0,

        /// <summary>Meter reads on the buses (one transaction per step).</summary>
        Polling = 1,

        /// <summary>Outbox flush, status, clock sync, energy balance, self-tests' bookkeeping.</summary>
        Housekeeping = 2,
    }
}
