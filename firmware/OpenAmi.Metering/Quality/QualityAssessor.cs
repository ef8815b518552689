using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Quality
{
    /// <summary>
    /// Plausibility rules that turn a decoded value into good or suspect. Energy may only grow, and by no more
    /// than the breaker lets through in the elapsed time; instantaneous values must be physically possible.
    /// </summary>
    public sealed class QualityAssessor
    {
        private const double MillisecondsPerHour = 3600000.0;

        private readonly PlausibilityLimits _limits;

        public QualityAssessor(PlausibilityLimits limits)
        {
            _limits = limits;
        }

        public PlausibilityLimits Limits => _limits;

        /// <summary>
        /// Checks a cumulative register against its history and updates the history. A suspect value never
        /// becomes the baseline directly; two consecutive suspect values that agree with each other do
        /// (the meter was reset or swapped), and the second of them is good.
        /// </summary>
        public SuspectReason AssessEnergy(EnergyTrack track, double kWh, long nowMs, double breakerA)
        {
            if (!track.HasLast)
            {
                Accept(track, kWh, nowMs);
                return SuspectReason.None;
            }

            var reason = Compare(track.LastKWh, track.LastMs, kWh, nowMs, breakerA);
            if (reason == SuspectReason.None)
            {
                Accept(track, kWh, nowMs);
                return reason;
            }

            if (track.HasCandidate && Compare(track.CandidateKWh, track.CandidateMs, kWh, nowMs, breakerA) == SuspectReason.None)
            {
                Accept(track, kWh, nowMs);
                return SuspectReason.None;
            }

            track.HasCandidate = true;
            track.CandidateKWh = kWh;
            track.CandidateMs = nowMs;
            return reason;
        }

        /// <summary>Range checks for instantaneous quantities; other quantities have no physical range.</summary>
        public SuspectReason AssessInstant(VmrsQuantity quantity, double value, double breakerA)
        {
            switch (quantity)
            {
                case VmrsQuantity.Voltage:
                    return value < _limits.VoltageMinV || value > _limits.VoltageMaxV ? SuspectReason.VoltageOutOfRange : SuspectReason.None;
                case VmrsQuantity.Frequency:
                    return value < _limits.FrequencyMinHz || value > _limits.FrequencyMaxHz ? SuspectReason.FrequencyOutOfRange : SuspectReason.None;
                case VmrsQuantity.ActivePower:
                    double max = _limits.MaxPowerW(breakerA);
                    return value > max || value < -max ? SuspectReason.PowerOutOfRange : SuspectReason.None;
                default:
                    return SuspectReason.None;
            }
        }

        /// <summary>The most energy (kWh) a line behind <paramref name="breakerA"/> can pass in <paramref name="elapsedMs"/>.</summary>
        public double MaxEnergyKWh(double breakerA, long elapsedMs) =>
            _limits.MaxPowerW(breakerA) * (elapsedMs / MillisecondsPerHour) / 1000.0 + _limits.EnergyResolutionKWh;

        private SuspectReason Compare(double previousKWh, long previousMs, double kWh, long nowMs, double breakerA)
        {
            double delta = kWh - previousKWh;
            if (delta < -_limits.EnergyResolutionKWh / 2)
            {
                return SuspectReason.EnergyBackwards;
            }

            long elapsed = nowMs - previousMs;
            return delta > MaxEnergyKWh(breakerA, elapsed < 0 ? 0 : elapsed) ? SuspectReason.EnergyJump : SuspectReason.None;
        }

        private static void Accept(EnergyTrack track, double kWh, long nowMs)
        {
            track.HasLast = true;
            track.LastKWh = kWh;
            track.LastMs = nowMs;
            track.HasCandidate = false;
        }
    }
}
