using System.Text;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Northbound.Outbox
{
    /// <summary>
    /// What the outbox lost, kept outside the evictable segments so that eviction can never erase it: up to
    /// <see cref="MaxRanges"/> merged <see cref="GapRange"/>s, one per stream (topic), plus the watermarks
    /// <see cref="EvictedThrough"/> (eviction is committed by saving this record), <see cref="CheckedThrough"/>
    /// (sequence holes found at recovery are counted once) and <see cref="DeliveredThrough"/>. Persisted in a <see cref="DualSlotRecordStore"/>
    /// ("ob-gaps", encoded in place in the record's buffer, which holds only the ranges counted so far), so a power cut at any byte keeps either the old or the new ledger. A range leaves the ledger
    /// only when its data_gap report was acknowledged (<see cref="Remove"/>).
    /// </summary>
    public sealed class GapLedger
    {
        public const int MaxRanges = 16;

        /// <summary>Longer topics are counted under the unknown stream (bounds the record).</summary>
        public const int MaxTopicBytes = 128;

        // Two slots stay free for the unknown stream (a frozen one being reported and a growing one), so a
        // loss can always be recorded (the unknown stream's ranges merge across deliveries: they have no span).
        private const int MaxNamedRanges = MaxRanges - 2;
        private const byte FormatVersion = 1;

        // version u8 | evictedThrough i64 | checkedThrough i64 | deliveredThrough i64 | count u8 |
        // count × (topic text | report ticks i64 | count u32 | unconfirmed u32 | first seq i64 | last seq i64 | first ticks i64 | last ticks i64)
        private const int RangeBytes = 1 + MaxTopicBytes + 8 + 4 + 4 + 32;
        private const int HeaderBytes = 26;
        private const int MaxPayload = HeaderBytes + (MaxRanges * RangeBytes);

        private readonly object _sync = new object();
        private readonly DualSlotRecordStore _record;
        private readonly GapRange[] _ranges = new GapRange[MaxRanges];
        private int _count;

        public GapLedger(IFileStore store, string name)
        {
            _record = new DualSlotRecordStore(store, name, MaxPayload);
            Load();
        }

        /// <summary>Every sequence up to here that eviction removed is counted in a range.</summary>
        public long EvictedThrough { get; private set; }

        /// <summary>Holes in the sequence up to here (records lost to corruption) are already counted.</summary>
        public long CheckedThrough { get; private set; }

        /// <summary>The outbox's delivered (PUBACKed) watermark when the ledger was last saved (ranges are split by it).</summary>
        public long DeliveredThrough { get; private set; }

        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _count;
                }
            }
        }

        /// <summary>Records counted in all ranges.</summary>
        public long Lost
        {
            get
            {
                lock (_sync)
                {
                    long lost = 0;
                    for (int i = 0; i < _count; i++)
                    {
                        lost += _ranges[i].Count;
                    }

                    return lost;
                }
            }
        }

        public GapRange this[int index] => _ranges[index];

        /// <summary>
        /// Counts lost records of one stream (in memory; <see cref="Commit"/> persists). A range stops growing once a
        /// record after its last one was delivered (<paramref name="deliveredThrough"/> beyond it): the next loss
        /// starts a new range, so a range's time span never contains an envelope the head-end got and the ledger
        /// did not count.
        /// </summary>
        public void Add(string topic, long firstSequence, long lastSequence, int count, int unconfirmed, long ticks, long deliveredThrough)
        {
            lock (_sync)
            {
                if (topic != null && Encoding.UTF8.GetBytes(topic).Length > MaxTopicBytes)
                {
                    topic = null;
                }

                GapRange range = Growing(topic, topic == null ? 0 : deliveredThrough);
                if (range == null && (topic == null || _count >= MaxNamedRanges))
                {
                    range = Growing(null, 0);
                    topic = null;
                }

                if (range == null)
                {
                    range = new GapRange { Topic = topic };
                    _ranges[_count++] = range;
                }

                range.Merge(firstSequence, lastSequence, count, unconfirmed, ticks);
            }
        }

        /// <summary>Persists the ranges and advances the watermarks (never backwards); one atomic save.</summary>
        public void Commit(long evictedThrough, long checkedThrough, long deliveredThrough)
        {
            lock (_sync)
            {
                if (deliveredThrough > DeliveredThrough)
                {
                    DeliveredThrough = deliveredThrough;
                }

                if (evictedThrough > EvictedThrough)
                {
                    EvictedThrough = evictedThrough;
                }

                if (checkedThrough > CheckedThrough)
                {
                    CheckedThrough = checkedThrough;
                }

                Save();
            }
        }

        /// <summary>
        /// The range to report next, the oldest first: the one already frozen, else the oldest growing one, frozen
        /// now at <paramref name="nowTicks"/> and persisted so a reboot re-sends the same report. Null when empty.
        /// </summary>
        public GapRange NextReport(long nowTicks)
        {
            lock (_sync)
            {
                if (_count == 0)
                {
                    return null;
                }

                for (int i = 0; i < _count; i++)
                {
                    if (_ranges[i].IsFrozen)
                    {
                        return _ranges[i];
                    }
                }

                _ranges[0].ReportTicks = nowTicks > 0 ? nowTicks : 1;
                Save();
                return _ranges[0];
            }
        }

        /// <summary>Drops a reported range once its data_gap was acknowledged, and persists.</summary>
        public void Remove(GapRange range)
        {
            lock (_sync)
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_ranges[i] != range)
                    {
                        continue;
                    }

                    for (int k = i + 1; k < _count; k++)
                    {
                        _ranges[k - 1] = _ranges[k];
                    }

                    _ranges[--_count] = null;
                    Save();
                    return;
                }
            }
        }

        private GapRange Growing(string topic, long deliveredThrough)
        {
            for (int i = 0; i < _count; i++)
            {
                if (!_ranges[i].IsFrozen && _ranges[i].Topic == topic && _ranges[i].LastSequence > deliveredThrough)
                {
                    return _ranges[i];
                }
            }

            return null;
        }

        private void Save()
        {
            int length = HeaderBytes;
            for (int i = 0; i < _count; i++)
            {
                length += RangeBytes - MaxTopicBytes + TopicBytesAtMost(_ranges[i].Topic);
            }

            var writer = new RecordWriter(_record.BufferFor(length), DualSlotRecordStore.PayloadOffset);
            writer.WriteByte(FormatVersion);
            writer.WriteInt64(EvictedThrough);
            writer.WriteInt64(CheckedThrough);
            writer.WriteInt64(DeliveredThrough);
            writer.WriteByte(_count);
            for (int i = 0; i < _count; i++)
            {
                GapRange range = _ranges[i];
                writer.WriteText(range.Topic);
                writer.WriteInt64(range.ReportTicks);
                writer.WriteUInt32((uint)range.Count);
                writer.WriteUInt32((uint)range.Unconfirmed);
                writer.WriteInt64(range.FirstSequence);
                writer.WriteInt64(range.LastSequence);
                writer.WriteInt64(range.FirstTicks);
                writer.WriteInt64(range.LastTicks);
            }

            _record.SaveInPlace(writer.Position - DualSlotRecordStore.PayloadOffset);
        }

        /// <summary>A topic's UTF-8 length can be told without encoding it: at most 3 bytes a character, and <see cref="Add"/> keeps none above <see cref="MaxTopicBytes"/>.</summary>
        private static int TopicBytesAtMost(string topic)
        {
            int bound = topic == null ? 0 : 3 * topic.Length;
            return bound < MaxTopicBytes ? bound : MaxTopicBytes;
        }

        private void Load()
        {
            int length = _record.LoadInPlace();
            if (length < HeaderBytes || _record.BufferFor(length)[DualSlotRecordStore.PayloadOffset] != FormatVersion)
            {
                return;
            }

            var reader = new RecordReader(_record.BufferFor(length), DualSlotRecordStore.PayloadOffset, length);
            reader.ReadByte();
            EvictedThrough = reader.ReadInt64();
            CheckedThrough = reader.ReadInt64();
            DeliveredThrough = reader.ReadInt64();
            int count = reader.ReadByte();
            for (int i = 0; i < count && i < MaxRanges; i++)
            {
                string topic = reader.ReadText();
                var range = new GapRange
                {
                    Topic = topic.Length == 0 ? null : topic,
                    ReportTicks = reader.ReadInt64(),
                    Count = (int)reader.ReadUInt32(),
                    Unconfirmed = (int)reader.ReadUInt32(),
                    FirstSequence = reader.ReadInt64(),
                    LastSequence = reader.ReadInt64(),
                    FirstTicks = reader.ReadInt64(),
                    LastTicks = reader.ReadInt64(),
                };
                _ranges[_count++] = range;
            }
        }
    }
}
