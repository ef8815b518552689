using System;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// Reads the rows a meter's Profile generic object captured in a time range (both bounds inclusive) and hands
    /// each to an <see cref="IIntervalSink"/> oldest first, decoded in VMRS terms. Rows the meter sends outside the
    /// range are dropped. Backs the backfill (one slice at a time) and the head-end's read-profile command (a range
    /// in slices, so no single answer holds more than <see cref="BackfillOptions.SliceIntervals"/> rows).
    /// </summary>
    public sealed class ProfileRangeReader
    {
        /// <summary>
        /// A profile captured on events only (capture_period 0, typically a billing reset) is read as if it held one
        /// row a day, the cadence of daily billing, to size its slices.
        /// </summary>
        private const long EventProfileSliceSeconds = 86400;

        private readonly IProfileMeterReader _profiles;
        private readonly ProfileColumnMaps _maps;
        private readonly int _sliceIntervals;

        public ProfileRangeReader(IProfileMeterReader profiles, ProfileColumnMaps maps, int sliceIntervals)
        {
            if (profiles == null || maps == null)
            {
                throw new ArgumentNullException(profiles == null ? "profiles" : "maps");
            }

            if (sliceIntervals <= 0)
            {
                throw new ArgumentOutOfRangeException("sliceIntervals", "a slice holds at least one interval");
            }

            _profiles = profiles;
            _maps = maps;
            _sliceIntervals = sliceIntervals;
        }

        /// <summary>Rows handed to the sink by the last <see cref="Read"/> or <see cref="ReadSlice"/>.</summary>
        public int Delivered { get; private set; }

        /// <summary>
        /// Every row of <paramref name="meterId"/>'s profile of <paramref name="kind"/> captured from
        /// <paramref name="fromUtc"/> to <paramref name="toUtc"/>, in slices. <see cref="ReadStatus.NotSupported"/> when the
        /// vendor profile maps no such object; otherwise the first failing slice's status (the rows before it were
        /// delivered, see <see cref="Delivered"/>).
        /// </summary>
        public ReadStatus Read(string meterId, int address, VendorProfile profile, CaptureProfileKind kind, DateTime fromUtc, DateTime toUtc, IIntervalSink sink)
        {
            Delivered = 0;
            var captured = profile == null ? null : profile.FindProfile(kind);
            if (captured == null)
            {
                return ReadStatus.NotSupported;
            }

            ProfileColumnMap map;
            var status = _maps.Get(meterId, address, profile, captured, out map);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            long sliceTicks = (map.CapturePeriod > 0 ? map.CapturePeriod : EventProfileSliceSeconds) * _sliceIntervals * TimeSpan.TicksPerSecond;
            int delivered = 0;
            for (long from = fromUtc.Ticks; from <= toUtc.Ticks; from += sliceTicks)
            {
                long to = from + sliceTicks - TimeSpan.TicksPerSecond;
                status = ReadSlice(meterId, address, profile, map, new DateTime(from, DateTimeKind.Utc), new DateTime(to < toUtc.Ticks ? to : toUtc.Ticks, DateTimeKind.Utc), sink);
                delivered += Delivered;
                if (status != ReadStatus.Ok)
                {
                    break;
                }
            }

            Delivered = delivered;
            return status;
        }

        /// <summary>
        /// One range read of <paramref name="map"/>'s object (the caller keeps it to a slice). A row that does not decode
        /// is <see cref="ReadStatus.CorruptResponse"/>; the rows before it were delivered.
        /// </summary>
        public ReadStatus ReadSlice(string meterId, int address, VendorProfile profile, ProfileColumnMap map, DateTime fromUtc, DateTime toUtc, IIntervalSink sink)
        {
            Delivered = 0;
            DataValue rows;
            var status = _profiles.ReadProfileRange(address, map.Profile.LogicalName, fromUtc, toUtc, profile.InvertedDeviationSign, out rows);
            if (status != ReadStatus.Ok || rows.Count == 0)
            {
                return status;
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
                if (previous >= fromUtc && previous <= toUtc)
                {
                    sink.Publish(meterId, map, record);
                    Delivered++;
                }
            }

            return ReadStatus.Ok;
        }
    }
}
