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
        // Parallel lists (meter id, its UTF-8 bytes, its mark) rather than a table of boxed ticks: a save happens once
        // per meter and interval, and neither it nor a lookup should allocate on the polling thread.
        private readonly ArrayList _meters = new ArrayList();
        private readonly ArrayList _ids = new ArrayList();
        private long[] _ticks = new long[4];
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
                int index = meter == null ? -1 : _meters.IndexOf(meter);
                capturedUtc = index < 0 ? DateTime.MinValue : new DateTime(_ticks[index], DateTimeKind.Utc);
                return index >= 0;
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
                int index = _meters.IndexOf(meter);
                if (index >= 0 && capturedUtc.Ticks <= _ticks[index])
                {
                    return false;
                }

                bool added = index < 0;
                if (added)
                {
                    index = Add(meter, Encoding.UTF8.GetBytes(meter));
                }

                long old = _ticks[index];
                _ticks[index] = capturedUtc.Ticks;

                // A plain store before the try: nanoCLR would run its catch for the previous call's own exception.
                int changed = index;
                try
                {
                    Save();
                }
                catch (Exception)
                {
                    Undo(changed, old, added);
                    throw;
                }

                return true;
            }
        }

        private int Add(string meter, byte[] id)
        {
            if (id.Length > 255)
            {
                throw new ArgumentException("meter id longer than 255 bytes");
            }

            if (_meters.Count == _ticks.Length)
            {
                long[] grown = new long[2 * _ticks.Length];
                Array.Copy(_ticks, grown, _ticks.Length);
                _ticks = grown;
            }

            _ids.Add(id);
            return _meters.Add(meter);
        }

        private void Undo(int index, long old, bool added)
        {
            if (added)
            {
                _meters.RemoveAt(index);
                _ids.RemoveAt(index);
                return;
            }

            _ticks[index] = old;
        }

        private void Save()
        {
            byte[] buffer = _record.Buffer;
            int start = DualSlotRecordStore.PayloadOffset;
            int length = 1;
            for (int i = 0; i < _ids.Count; i++)
            {
                length += 1 + ((byte[])_ids[i]).Length + TicksLength;
            }

            if (length > MaxPayload)
            {
                throw new InvalidOperationException("interval marks full: " + _meters.Count.ToString() + " meters do not fit in " + MaxPayload.ToString() + " bytes");
            }

            var writer = new RecordWriter(buffer, start);
            writer.WriteByte(FormatVersion);
            for (int i = 0; i < _ids.Count; i++)
            {
                writer.WriteText((byte[])_ids[i]);
                writer.WriteInt64(_ticks[i]);
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
                int index = _meters.IndexOf(meter);
                if (index < 0)
                {
                    index = Add(meter, Encoding.UTF8.GetBytes(meter));
                }

                _ticks[index] = ticks;
            }
        }
    }
}
