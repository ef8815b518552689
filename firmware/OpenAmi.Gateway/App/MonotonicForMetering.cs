namespace OpenAmi.Gateway.App
{
    /// <summary>The platform's one monotonic clock, seen through the Metering library's own port.</summary>
    internal sealed class MonotonicForMetering : OpenAmi.Metering.Ports.IMonotonicClock
    {
        private readonly OpenAmi.Gateway.Ports.IMonotonicClock _clock;

        public MonotonicForMetering(OpenAmi.Gateway.Ports.IMonotonicClock clock)
        {
            _clock = clock;
        }

        public long NowMs => _clock.NowMs;
    }
}
