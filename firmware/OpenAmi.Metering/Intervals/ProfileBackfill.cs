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
    /// <see cref="IntervalHighWater"/> mark, but never further back than the horizon. One <see cref="Step"/> is one
    /// range read of at most <see cref="BackfillOptions.SliceIntervals"/> intervals, so a caller that runs backfill only
    /// when live polling is idle gives the bus back between slices. The mark moves before each interval is handed
    /// on: an interval is never published twice, even across power cuts.
    /// </summary>
    public sealed class ProfileBackfill
    {
        private const int ScalerUnitAttribute = 3;

        private readonly IMeterReader _reader;
        private readonly IProfileMeterReader _profiles;
        private readonly IntervalHighWater _marks;
        private readonly IIntervalSink _sink;
        private readonly BackfillOptions _options;
        private readonly MeterValue _value = new MeterValue();

        // Per meter id: the column map (read once), and how far empty slices were read (a meter that was off captured nothing).
        private readonly Hashtable _maps = new Hashtable();
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

            _reader = reader;
            _profiles = profiles;
            _marks = marks;
            _sink = sink;
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
            var status = Map(meterId, address, profile, load, out map);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            long period = map.CapturePeriod;
            DateTime from = Start(meterId, nowUtc);
            DateTime newest = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % (period * TimeSpan.TicksPerSecond)), DateTimeKind.Utc);
            if (from > newest)
            {
                return ReadStatus.Ok;
            }

            DateTime to = from.AddSeconds((period * _options.SliceIntervals) - 1);
            if (to > newest)
            {
                to = newest;
            }

            DataValue rows;
            status = _profiles.ReadProfileRange(address, load.LogicalName, from, to, profile.InvertedDeviationSign, out rows);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            status = PublishRows(meterId, map, rows);
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
            _maps.Remove(meterId);
            _readThrough.Remove(meterId);
        }

        /// <summary>The first instant not yet covered: after the mark and any empty slice read, within the horizon.</summary>
        private DateTime Start(string meterId, DateTime nowUtc)
        {
            long start = nowUtc.Ticks - ((long)_options.HorizonSeconds * TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond;
            DateTime mark;
            if (_marks.TryGet(meterId, out mark) && mark.Ticks + TimeSpan.TicksPerSecond > start)
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

        private ReadStatus PublishRows(string meterId, ProfileColumnMap map, DataValue rows)
        {
            if (rows.Count == 0)
            {
                return ReadStatus.Ok;
            }

            var record = new IntervalRecord(map.Columns.Length);
            var previous = DateTime.MinValue;
            for (int n = 0; n < rows.Count; n++)
            {
                int r = map.NewestFirst ? rows.Count - 1 - n : n;
                try
                {
                    map.Decode(rows[r], previous, record);
                }
                catch (DlmsException)
                {
                    return ReadStatus.CorruptResponse;
                }

                previous = record.CapturedUtc;

                // A meter may answer a range with rows it was not asked for; only the newer ones are news.
                if (_marks.Advance(meterId, record.CapturedUtc))
                {
                    _sink.Publish(meterId, map, record);
                    Published++;
                }
            }

            return ReadStatus.Ok;
        }

        /// <summary>The meter's column map: its load profile's description once, then the scaler_units the profile does not give.</summary>
        private ReadStatus Map(string meterId, int address, VendorProfile profile, CaptureProfile load, out ProfileColumnMap map)
        {
            map = (ProfileColumnMap)_maps[meterId];
            if (map != null)
            {
                return ReadStatus.Ok;
            }

            ProfileDescription description;
            var status = _profiles.ReadProfileDescription(address, load.LogicalName, out description);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            ProfileColumnMap resolved;
            try
            {
                resolved = ProfileColumnMap.Resolve(load, description, profile.InvertedDeviationSign);
            }
            catch (DlmsException)
            {
                return ReadStatus.UnexpectedType;
            }

            if (resolved.CapturePeriod == 0)
            {
                return ReadStatus.NotSupported;
            }

            for (int c = 0; c < resolved.Columns.Length; c++)
            {
                status = ScalerUnit(address, resolved, c);
                if (status != ReadStatus.Ok)
                {
                    return status;
                }
            }

            _maps[meterId] = resolved;
            map = resolved;
            return ReadStatus.Ok;
        }

        private ReadStatus ScalerUnit(int address, ProfileColumnMap map, int column)
        {
            if (!map.NeedsScalerUnit(column))
            {
                return ReadStatus.Ok;
            }

            var status = _reader.Read(address, map.Columns[column].Target.WithAttribute(ScalerUnitAttribute), _value);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            if (_value.Kind != MeterValueKind.ScalerUnit)
            {
                return ReadStatus.UnexpectedType;
            }

            try
            {
                map.SetScalerUnit(column, _value.Scaler, _value.UnitCode);
            }
            catch (ArgumentException)
            {
                return ReadStatus.UnexpectedType;
            }

            return ReadStatus.Ok;
        }
    }
}
