namespace OpenAmi.Metering.Intervals
{
    /// <summary>How far back and in what steps <see cref="ProfileBackfill"/> reads a load profile.</summary>
    public sealed class BackfillOptions
    {
        public const int DefaultHorizonSeconds = 7 * 24 * 3600;

        /// <summary>Intervals older than this are not read back, whatever the mark says (default 7 days).</summary>
        public int HorizonSeconds { get; set; } = DefaultHorizonSeconds;

        /// <summary>Intervals per range read (default 16: four hours of a 15-minute profile).</summary>
        public int SliceIntervals { get; set; } = 16;
    }
}
