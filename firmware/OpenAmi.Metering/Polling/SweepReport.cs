namespace OpenAmi.Metering.Polling
{
    /// <summary>One pass over everything that was due: how long the bus was busy and what came of it.</summary>
    public sealed class SweepReport
    {
        public long StartMs;
        public long DurationMs;

        /// <summary>Reads that went to the bus: one per single item, one per list of items.</summary>
        public int Transactions;

        /// <summary>Readings published (includes comms_lost readings of backed-off meters, which cost no bus time).</summary>
        public int Readings;

        public int Suspect;
        public int CommsLost;
    }
}
