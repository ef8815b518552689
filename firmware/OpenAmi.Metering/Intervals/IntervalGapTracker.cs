using System;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// For meters without a load profile (Modbus): per meter, the interval of its newest good reading, kept in the
    /// power-cut-safe <see cref="IntervalHighWater"/> so a gateway reboot is covered as well as the meter's silence.
    /// When a good reading lands more than one interval after the mark, an <see cref="IntervalGapEvent"/> naming the
    /// empty slots goes on ahead of the reading. Meters with a load profile are backfilled instead and pass unseen.
    /// The mark is written once per interval per meter, not per reading.
    /// </summary>
    public sealed class IntervalGapTracker : IMeteringSink
    {
        private readonly IMeteringSink _next;
        private readonly long _intervalTicks;
        private readonly int _intervalS;

        /// <param name="intervalS">The telemetry interval of these meters (the instantaneous poll period).</param>
        public IntervalGapTracker(IMeteringSink next, int intervalS)
        {
            if (intervalS <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(intervalS));
            }

            _next = next ?? throw new ArgumentNullException(nameof(next));
            _intervalS = intervalS;
            _intervalTicks = intervalS * TimeSpan.TicksPerSecond;
        }

        /// <summary>
        /// Where the marks live: the backfill's record when the gateway follows load profiles too (one record, one
        /// owner), else made from <see cref="Store"/> at the first good reading, so composition does not pay for its
        /// buffer. Both null (no state store) passes everything on untracked.
        /// </summary>
        public IntervalHighWater Marks { get; set; }

        /// <summary>The state store the marks are read from when <see cref="Marks"/> is not given.</summary>
        public IFileStore Store { get; set; }

        /// <summary>Marks that could not be read or saved (full record, I/O failure): that reading's gap check is skipped.</summary>
        public long SaveFailures { get; private set; }

        public void OnReading(Reading reading)
        {
            if (Tracks(reading))
            {
                Track(reading);
            }

            _next.OnReading(reading);
        }

        public void OnEvent(MeteringEvent meteringEvent) => _next.OnEvent(meteringEvent);

        private bool Tracks(Reading reading)
        {
            MeterRecord meter = reading.Meter;
            return (Marks != null || Store != null) && reading.Quality == ReadingQuality.Good && reading.UtcTicks > 0 && meter != null
                && meter.Serial != null && meter.Profile.FindProfile(CaptureProfileKind.Load) == null;
        }

        private void Track(Reading reading)
        {
            if (Marks == null && !OpenMarks())
            {
                return;
            }

            MeterRecord meter = reading.Meter;
            long slot = reading.UtcTicks - reading.UtcTicks % _intervalTicks;
            DateTime mark;
            bool marked = Marks.TryGet(meter.Serial, out mark);
            if (marked && slot <= mark.Ticks)
            {
                return;
            }

            var slotUtc = new DateTime(slot, DateTimeKind.Utc);

            // A plain store before the try: nanoCLR would run its catch for the constructor call's own exception.
            bool first = !marked;
            try
            {
                Marks.Advance(meter.Serial, slotUtc);
            }
            catch (Exception)
            {
                // The gap stays unreported rather than the polling thread stopping; the next interval tries again.
                SaveFailures++;
                return;
            }

            IntervalGapEvent gap = first ? null : IntervalGapEvent.Between(mark.Ticks, slot, _intervalS);
            if (gap != null)
            {
                gap.MeterAddress = meter.Address;
                gap.MeterSerial = meter.Serial;
                gap.MonotonicMs = reading.MonotonicMs;
                gap.UtcTicks = reading.UtcTicks;
                _next.OnEvent(gap);
            }
        }

        /// <summary>Reads the marks' record; a store that fails stops the tracking (counted) rather than the polling.</summary>
        private bool OpenMarks()
        {
            // A plain store before the try: nanoCLR would run its catch for the getter call's own exception.
            IFileStore store = Store;
            try
            {
                Marks = new IntervalHighWater(store);
                return true;
            }
            catch (Exception)
            {
                SaveFailures++;
                Store = null;
                return false;
            }
        }
    }
}
