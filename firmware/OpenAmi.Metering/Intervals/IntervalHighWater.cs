using System;
using System.Collections;
using System.Text;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// Per meter, the capture time of the newest profile interval already published: what a backfill after a power
    /// cut, a broker outage or a meter's silence starts after, so no interval goes out twice. One power-cut-safe
    /// two-slot record (<see cref="DualSlotRecordStore"/>, files lp-hwm.0/.1) holds every meter; a torn save leaves
    /// the previous marks. A mark only moves forward, and is saved before the intervals up to it leave for the outbox:
    /// a power cut between the two loses those intervals from the backfill instead of sending them twice.
    /// Payload (big-endian, as every record of the store): version u8, then per meter its id (u8 length, UTF-8) and
    /// the capture time as UTC ticks (i64).
    /// </summary>
    public sealed class IntervalHighWater
    {
        /// <summary>Room for about a hundred meters with ids of a dozen characters.</summary>
        public const int MaxPayload = 2048;

        private const byte FormatVersion = 1;
        private const int TicksLength = 8;
        private readonly DualSlotRecordStore _record;
        private readonly Hashtable _marks = new Hashtable();
        private readonly ArrayList _meters = new ArrayList();
        private readonly object _sync = new object();

        public IntervalHighWater(IFileStore store)
        {
            if (store == null)
            {
                throw new ArgumentNullException(nameof(store));
            }

            _record = new DualSlotRecordStore(store, "lp-hwm", MaxPayload);
            int length = _record.LoadInPlace();
            FoundDamage = _record.FoundDamage;
            if (length > 0)
            {
                try
                {
                    Parse(length);
                }
                catch (FormatException)
                {
                    // A payload cut short behind a valid CRC was not written by this code: keep the marks read so far.
                }
            }
        }

        /// <summary>The record found at start had a torn or corrupt slot: the marks loaded may be one save old.</summary>
        public bool FoundDamage { get; }

        /// <summary>The newest interval published for <paramref name="meter"/>; false when none was (backfill starts at the horizon).</summary>
        public bool TryGet(string meter, out DateTime capturedUtc)
        {
            lock (_sync)
            {
                object mark = meter == null ? null : _marks[meter];
                capturedUtc = mark == null ? DateTime.MinValue : new DateTime((long)mark, DateTimeKind.Utc);
                return mark != null;
            }
        }

        /// <summary>True when the interval captured at <paramref name="capturedUtc"/> is at or before the meter's mark.</summary>
        public bool IsPublished(string meter, DateTime capturedUtc)
        {
            DateTime mark;
            return TryGet(meter, out mark) && capturedUtc.Ticks <= mark.Ticks;
        }

        /// <summary>
        /// Moves the meter's mark to <paramref name="capturedUtc"/> and saves every mark; an older time leaves it where it
        /// is (returns false, nothing written). A record that cannot hold one more meter, an id over 255 bytes or an I/O
        /// failure throws, and the mark stays unmoved in memory too.
        /// </summary>
        public bool Advance(string meter, DateTime capturedUtc)
        {
            if (meter == null)
            {
                throw new ArgumentNullException(nameof(meter));
            }

            lock (_sync)
            {
                object old = _marks[meter];
                if (old != null && capturedUtc.Ticks <= (long)old)
                {
                    return false;
                }

                if (old == null)
                {
                    _meters.Add(meter);
                }

                _marks[meter] = capturedUtc.Ticks;

                // A plain store before the try: nanoCLR would run its catch for the indexer's own exception.
                bool added = old == null;
                try
                {
                    Save();
                }
                catch (Exception)
                {
                    Undo(meter, old, added);
                    throw;
                }

                return true;
            }
        }

        private void Undo(string meter, object old, bool added)
        {
            if (added)
            {
                _meters.Remove(meter);
                _marks.Remove(meter);
                return;
            }

            _marks[meter] = old;
        }

        private void Save()
        {
            byte[] buffer = _record.Buffer;
            int start = DualSlotRecordStore.PayloadOffset;
            int length = 1;
            for (int i = 0; i < _meters.Count; i++)
            {
                int id = Encoding.UTF8.GetBytes((string)_meters[i]).Length;
                if (id > 255)
                {
                    throw new ArgumentException("meter id longer than 255 bytes");
                }

                length += 1 + id + TicksLength;
            }

            if (length > MaxPayload)
            {
                throw new InvalidOperationException("interval marks full: " + _meters.Count.ToString() + " meters do not fit in " + MaxPayload.ToString() + " bytes");
            }

            var writer = new RecordWriter(buffer, start);
            writer.WriteByte(FormatVersion);
            for (int i = 0; i < _meters.Count; i++)
            {
                string meter = (string)_meters[i];
                writer.WriteText(meter);
                writer.WriteInt64((long)_marks[meter]);
            }

            _record.SaveInPlace(length);
        }

        /// <summary>Reads the marks back; another format version is ignored (backfill then starts at the horizon).</summary>
        private void Parse(int length)
        {
            var reader = new RecordReader(_record.Buffer, DualSlotRecordStore.PayloadOffset, length);
            if (reader.ReadByte() != FormatVersion)
            {
                return;
            }

            while (reader.Position < DualSlotRecordStore.PayloadOffset + length)
            {
                string meter = reader.ReadText();
                long ticks = reader.ReadInt64();
                _meters.Add(meter);
                _marks[meter] = ticks;
            }
        }
    }
}
