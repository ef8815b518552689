using System;
using System.Collections;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// Reads the intervals a meter holds that were never published, from its load profile, and hands them to an
    /// <see cref="IIntervalSink"/> oldest first, each with its own capture time. Where it starts: after the meter's
    /// <see cref="IntervalHighWater"/> mark, but never further back than the horizon. A meter without a mark (seen
    /// for the first time) gets one at its newest capture boundary and nothing is read: what it captured before the
    /// gateway knew it was never missed, and a first boot does not flood the outbox with the horizon's worth.
    /// One <see cref="Step"/> is one range read of at most <see cref="BackfillOptions.SliceIntervals"/> intervals, so
    /// a caller that runs backfill only when live polling is idle gives the bus back between slices. The mark moves before each interval is handed
    /// on: an interval is never published twice, even across power cuts.
    /// </summary>
    public sealed class ProfileBackfill
    {
        private readonly ProfileColumnMaps _maps;
        private readonly ProfileRangeReader _range;
        private readonly IntervalHighWater _marks;
        private readonly MarkingSink _marking;
        private readonly BackfillOptions _options;
        // Per meter id: how far empty slices were read (a meter that was off captured nothing).
        private readonly Hashtable _readThrough = new Hashtable();

        public ProfileBackfill(IMeterReader reader, IProfileMeterReader profiles, IntervalHighWater marks, IIntervalSink sink, BackfillOptions options)
        {
            if (reader == null || profiles == null || marks == null || sink == null || options == null)
            {
                throw new ArgumentNullException(reader == null ? "reader" : profiles == null ? "profiles" : marks == null ? "marks" : sink == null ? "sink" : "options");
            }

            if (options.HorizonSeconds <= 0 || options.SliceIntervals <= 0)
            {
                throw new ArgumentOutOfRangeException("options", "horizon and slice must be positive");
            }

            _maps = new ProfileColumnMaps(reader, profiles);
            _range = new ProfileRangeReader(profiles, _maps, options.SliceIntervals);
            _marks = marks;
            _marking = new MarkingSink(marks, sink);
            _options = options;
        }

        /// <summary>Intervals handed to the sink by the last <see cref="Step"/>.</summary>
        public int Published { get; private set; }

        /// <summary>After the last <see cref="Step"/>: the meter holds intervals not read yet (call again).</summary>
        public bool Pending { get; private set; }

        /// <summary>
        /// Reads and publishes one slice of <paramref name="meterId"/>'s load profile. <see cref="ReadStatus.NotSupported"/>
        /// for a profile without a load profile (or one captured on events only); a meter's refusal or silence is its
        /// status, a row that cannot be decoded <see cref="ReadStatus.CorruptResponse"/> (the intervals before it stay
        /// published, the slice is read again next time).
        /// </summary>
        public ReadStatus Step(string meterId, int address, VendorProfile profile, DateTime nowUtc)
        {
            Published = 0;
            Pending = false;
            var load = profile == null ? null : profile.FindProfile(CaptureProfileKind.Load);
            if (load == null || meterId == null)
            {
                return ReadStatus.NotSupported;
            }

            ProfileColumnMap map;
            var status = _maps.Get(meterId, address, profile, load, out map);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            if (map.CapturePeriod == 0)
            {
                return ReadStatus.NotSupported;
            }

            long period = map.CapturePeriod;
            DateTime newest = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % (period * TimeSpan.TicksPerSecond)), DateTimeKind.Utc);
            DateTime mark;
            if (!_marks.TryGet(meterId, out mark))
            {
                // First seen: nothing the meter captured before the gateway knew it was ever owed to the head-end.
                _marks.Advance(meterId, newest);
                return ReadStatus.Ok;
            }

            DateTime from = Start(meterId, mark, nowUtc);
            if (from > newest)
            {
                return ReadStatus.Ok;
            }

            DateTime to = from.AddSeconds((period * _options.SliceIntervals) - 1);
            if (to > newest)
            {
                to = newest;
            }

            _marking.Published = 0;
            status = _range.ReadSlice(meterId, address, profile, map, from, to, _marking);
            Published = _marking.Published;
            if (status == ReadStatus.Ok)
            {
                _readThrough[meterId] = to.Ticks;
                Pending = to < newest;
            }

            return status;
        }

        /// <summary>Forgets a meter's column map (after the meter was replaced or re-profiled); its mark stays.</summary>
        public void Forget(string meterId)
        {
            _maps.Forget(meterId);
            _readThrough.Remove(meterId);
        }

        /// <summary>The first instant not yet covered: after the mark and any empty slice read, within the horizon.</summary>
        private DateTime Start(string meterId, DateTime mark, DateTime nowUtc)
        {
            long start = nowUtc.Ticks - ((long)_options.HorizonSeconds * TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond;
            if (mark.Ticks + TimeSpan.TicksPerSecond > start)
            {
                start = mark.Ticks + TimeSpan.TicksPerSecond;
            }

            object readThrough = _readThrough[meterId];
            if (readThrough != null && (long)readThrough + TimeSpan.TicksPerSecond > start)
            {
                start = (long)readThrough + TimeSpan.TicksPerSecond;
            }

            return new DateTime(start, DateTimeKind.Utc);
        }

        /// <summary>
        /// Hands on only the intervals newer than the meter's mark, moving the mark first: a row the meter sends again
        /// is not news, and a power cut between the two writes loses an interval rather than publishing it twice.
        /// </summary>
        private sealed class MarkingSink : IIntervalSink
        {
            private readonly IntervalHighWater _marks;
            private readonly IIntervalSink _next;

            public MarkingSink(IntervalHighWater marks, IIntervalSink next)
            {
                _marks = marks;
                _next = next;
            }

            public int Published { get; set; }

            public void Publish(string meterId, ProfileColumnMap map, IntervalRecord interval)
            {
                if (_marks.Advance(meterId, interval.CapturedUtc))
                {
                    _next.Publish(meterId, map, interval);
                    Published++;
                }
            }
        }
    }
}
