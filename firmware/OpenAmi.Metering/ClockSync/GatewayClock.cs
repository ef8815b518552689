using System;
using OpenAmi.Metering.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Metering.ClockSync
{
    public enum TimeHealth
    {
        /// <summary>No source has ever answered: the gateway does not know the time.</summary>
        Unsynced = 0,
        Healthy = 1,
        /// <summary>Last synchronisation is older than the allowed age: free-running on the crystal.</summary>
        Stale = 2,
        /// <summary>Two sources disagree by more than the tolerance: neither can be trusted to set meters.</summary>
        Conflicting = 3,
    }

    /// <summary>One time source as the gateway sees it.</summary>
    public sealed class TimeSourceState
    {
        public TimeSourceState(ITimeSource source)
        {
            Source = source;
        }

        public ITimeSource Source { get; }

        public bool Answered;
        public long LastAnswerMs;
        public int ConsecutiveFailures;

        /// <summary>This source minus the reference source, ms (0 for the reference itself).</summary>
        public long OffsetFromReferenceMs;
    }

    /// <summary>
    /// The gateway's notion of UTC: the highest-priority source that answers is the reference, the monotonic
    /// clock carries it between refreshes, and the other sources cross-check it. Meter clocks are only set
    /// while <see cref="Health"/> is <see cref="TimeHealth.Healthy"/>.
    /// </summary>
    public sealed class GatewayClock
    {
        private readonly IMonotonicClock _mono;
        private readonly TimeSourceState[] _sources;
        private readonly long _maxAgeMs;
        private readonly long _maxDisagreementMs;
        private bool _synced;
        private bool _conflict;
        private long _referenceUtcTicks;
        private long _referenceMonoMs;

        public GatewayClock(IMonotonicClock mono, ITimeSource[] sourcesByPriority, long maxAgeMs, long maxDisagreementMs)
        {
            _mono = mono;
            _maxAgeMs = maxAgeMs;
            _maxDisagreementMs = maxDisagreementMs;
            _sources = new TimeSourceState[sourcesByPriority.Length];
            for (int i = 0; i < _sources.Length; i++)
            {
                _sources[i] = new TimeSourceState(sourcesByPriority[i]);
            }
        }

        public TimeSourceState[] Sources => _sources;

        public TimeHealth Health
        {
            get
            {
                if (!_synced)
                {
                    return TimeHealth.Unsynced;
                }

                if (_conflict)
                {
                    return TimeHealth.Conflicting;
                }

                return _mono.NowMs - _referenceMonoMs > _maxAgeMs ? TimeHealth.Stale : TimeHealth.Healthy;
            }
        }

        /// <summary>Asks every source once; keeps the first answer (by priority) as the reference.</summary>
        public void Refresh()
        {
            bool haveReference = false;
            long referenceOffsetTicks = 0;
            bool conflict = false;
            for (int i = 0; i < _sources.Length; i++)
            {
                var state = _sources[i];
                DateTime utc;
                bool ok = state.Source.TryGetUtc(out utc);
                long monoMs = _mono.NowMs;
                state.Answered = ok;
                if (!ok)
                {
                    state.ConsecutiveFailures++;
                    continue;
                }

                state.ConsecutiveFailures = 0;
                state.LastAnswerMs = monoMs;
                long offsetTicks = utc.Ticks - monoMs * TimeSpan.TicksPerMillisecond;
                if (!haveReference)
                {
                    haveReference = true;
                    referenceOffsetTicks = offsetTicks;
                    _referenceUtcTicks = utc.Ticks;
                    _referenceMonoMs = monoMs;
                    state.OffsetFromReferenceMs = 0;
                    continue;
                }

                long differenceMs = (offsetTicks - referenceOffsetTicks) / TimeSpan.TicksPerMillisecond;
                state.OffsetFromReferenceMs = differenceMs;
                if (differenceMs > _maxDisagreementMs || differenceMs < -_maxDisagreementMs)
                {
                    conflict = true;
                }
            }

            if (haveReference)
            {
                _synced = true;
                _conflict = conflict;
            }
        }

        /// <summary>UTC at monotonic time <paramref name="monoMs"/>; false when never synchronised.</summary>
        public bool TryGetUtcAt(long monoMs, out DateTime utc)
        {
            if (!_synced)
            {
                utc = new DateTime(0);
                return false;
            }

            utc = new DateTime(_referenceUtcTicks + (monoMs - _referenceMonoMs) * TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
            return true;
        }

        /// <summary>UTC ticks now, or 0 when never synchronised (readings carry this).</summary>
        public long UtcTicksAt(long monoMs) => _synced ? _referenceUtcTicks + (monoMs - _referenceMonoMs) * TimeSpan.TicksPerMillisecond : 0;
    }
}
