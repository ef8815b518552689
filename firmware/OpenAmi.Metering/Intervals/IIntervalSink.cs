namespace OpenAmi.Metering.Intervals
{
    /// <summary>Where backfilled intervals go (the gateway: telemetry envelopes with each interval's own timestamp).</summary>
    public interface IIntervalSink
    {
        /// <summary>One interval of one meter, oldest first; <paramref name="interval"/> is reused once the call returns.</summary>
        void Publish(string meterId, ProfileColumnMap map, IntervalRecord interval);
    }
}
