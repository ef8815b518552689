using System;

namespace OpenAmi.Northbound.Mqtt
{
    /// <summary>Exponential reconnect delay with ±20 % jitter, so a feeder's gateways do not reconnect in lock-step after a broker restart.</summary>
    public sealed class ReconnectBackoff
    {
        private readonly int _initialMs;
        private readonly int _maximumMs;
        private readonly Random _random;
        private int _currentMs;

        public ReconnectBackoff(int initialMs, int maximumMs, int seed)
        {
            _initialMs = initialMs;
            _maximumMs = maximumMs;
            _random = new Random(seed);
            _currentMs = initialMs;
        }

        /// <summary>The next delay; each call doubles the base up to the maximum.</summary>
        public int NextDelayMs()
        {
            int baseMs = _currentMs;
            _currentMs = baseMs >= _maximumMs / 2 ? _maximumMs : baseMs * 2;
            int jitter = baseMs / 5;
            return baseMs - jitter + _random.Next(2 * jitter + 1);
        }

        public void Reset() => _currentMs = _initialMs;
    }
}
