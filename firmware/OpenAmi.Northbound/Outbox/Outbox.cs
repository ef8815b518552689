using System;
using System.Collections;
using System.Text;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Northbound.Outbox
{
    /// <summary>
    /// The loss-free store between "envelope built" and "PUBACK received". Append-only segment files
    /// ("ob########.log") of records
    /// <c>[0xA5][0x02][body length u32][sequence i64][topic length u16][topic][payload][CRC-32 of all before]</c>, every
    /// integer big-endian like every other record on flash (records of format 0x01, little-endian, written before the one
    /// byte order, are still read, so no telemetry waiting in the outbox is lost across a firmware update);
    /// a released-up-to sequence in a <see cref="DualSlotRecordStore"/> record. A power cut at any byte loses at most the record
    /// being appended: recovery skips a record that is short or fails its CRC and resynchronises on the next intact
    /// one, and later appends go to a fresh segment. Bounded: when full, the oldest segment is dropped. Every
    /// unreleased record lost that way (evicted, or unreadable at recovery) is counted per stream in the
    /// <see cref="GapLedger"/>, which lives outside the segments and is never evicted.
    /// </summary>
    public sealed class Outbox
    {
        private const byte Magic = 0xA5;
        private const byte FormatVersion = 0x02;
        private const byte LittleEndianVersion = 0x01;
        private const int HeaderLength = 16;
        private const int TrailerLength = 4;
        private const string SegmentPrefix = "ob";
        private const string SegmentSuffix = ".log";

        /// <summary>Payload bytes searched for the envelope's "ts" (it is the second member of every envelope).</summary>
        private const int StampWindow = 64;

        /// <summary>
        /// Recovery checks a record's CRC by reading it through a buffer of this size rather than loading it whole, so
        /// booting over a backlog of large envelopes allocates nothing per record size.
        /// </summary>
        public const int ScanChunk = 256;
        private static readonly byte[] NoScratch = new byte[0];
        private static readonly byte[] StampKey = Encoding.UTF8.GetBytes("\"ts\":\"");

        private readonly object _sync = new object();
        private readonly IFileStore _store;
        private readonly int _capacityBytes;
        private readonly int _segmentBytes;
        private readonly DualSlotRecordStore _released;
        private readonly ArrayList _segments = new ArrayList();
        private readonly byte[] _header = new byte[HeaderLength];
        private readonly byte[] _releasedBuffer = new byte[8];
        private readonly byte[] _stamp = new byte[ScanChunk];
        private readonly GapLedger _gaps;
        private readonly RecentTopics _recentTopics = new RecentTopics(8);
        private byte[] _scratch = NoScratch;
        private long _releasedThrough;
        private long _sentThrough;
        private long _deliveredThrough;
        private long _nextSequence = 1;
        private int _totalBytes;
        private bool _activeWritable;

        /// <param name="capacityBytes">Bound on all segment bytes together.</param>
        /// <param name="segmentBytes">Eviction granularity; a record larger than this gets a segment of its own.</param>
        public Outbox(IFileStore store, int capacityBytes, int segmentBytes)
        {
            if (segmentBytes <= HeaderLength + TrailerLength || capacityBytes < 2 * segmentBytes)
            {
                throw new ArgumentException("capacity must hold at least two segments");
            }

            _store = store;
            _capacityBytes = capacityBytes;
            _segmentBytes = segmentBytes;
            _released = new DualSlotRecordStore(store, "ob-released", 8);
            _gaps = new GapLedger(store, "ob-gaps");
            Recover();
        }

        /// <summary>Records appended and not yet released (or evicted).</summary>
        public int Depth
        {
            get
            {
                lock (_sync)
                {
                    int depth = 0;
                    for (int i = 0; i < _segments.Count; i++)
                    {
                        Segment segment = (Segment)_segments[i];
                        for (int r = 0; r < segment.Count; r++)
                        {
                            if (segment.Sequences[r] > _releasedThrough)
                            {
                                depth++;
                            }
                        }
                    }

                    return depth;
                }
            }
        }

        public int TotalBytes => _totalBytes;

        /// <summary>Bytes that can be appended before the oldest records are evicted.</summary>
        public int FreeBytes => _capacityBytes - _totalBytes;

        public long ReleasedThrough => _releasedThrough;

        /// <summary>Records lost before delivery, per stream, until their data_gap reports are acknowledged.</summary>
        public GapLedger Gaps => _gaps;

        /// <summary>Bytes one record of this topic and payload length takes on storage.</summary>
        public static int RecordLength(int topicBytes, int payloadBytes) => HeaderLength + topicBytes + payloadBytes + TrailerLength;

        /// <summary>Persists one record and returns its sequence number; evicts the oldest segment(s) if full.</summary>
        public long Append(string topic, byte[] payload, int offset, int count)
        {
            lock (_sync)
            {
                int topicBytes = Encoding.UTF8.GetBytes(topic, 0, topic.Length, EnsureScratch(HeaderLength + (topic.Length * 3) + count + TrailerLength), HeaderLength);
                if (topicBytes > 0xFFFF)
                {
                    throw new NorthboundException("topic too long");
                }

                int length = RecordLength(topicBytes, count);
                long sequence = _nextSequence;
                _scratch[0] = Magic;
                _scratch[1] = FormatVersion;
                BigEndian.PutUInt32(_scratch, 2, (uint)(topicBytes + count));
                BigEndian.PutInt64(_scratch, 6, sequence);
                BigEndian.PutUInt16(_scratch, 14, topicBytes);
                Array.Copy(payload, offset, _scratch, HeaderLength + topicBytes, count);
                BigEndian.PutUInt32(_scratch, length - TrailerLength, Crc32.Compute(_scratch, 0, length - TrailerLength));

                Segment active = ActiveSegment(length);
                while (_totalBytes + length > _capacityBytes && _segments.Count > 1)
                {
                    EvictOldest();
                }

                _store.Append(active.Name, _scratch, 0, length);
                active.Add(sequence, active.Bytes);
                active.Bytes += length;
                _totalBytes += length;
                _nextSequence++;
                _recentTopics.Remember(topic);
                return sequence;
            }
        }

        /// <summary>
        /// Reads the first unreleased record with a sequence above <paramref name="afterSequence"/> into
        /// <paramref name="record"/>; false when there is none.
        /// </summary>
        public bool ReadNext(long afterSequence, OutboxRecord record)
        {
            lock (_sync)
            {
                long floor = afterSequence > _releasedThrough ? afterSequence : _releasedThrough;
                for (int i = 0; i < _segments.Count; i++)
                {
                    Segment segment = (Segment)_segments[i];
                    if (segment.Count == 0 || segment.Sequences[segment.Count - 1] <= floor)
                    {
                        continue;
                    }

                    for (int r = 0; r < segment.Count; r++)
                    {
                        if (segment.Sequences[r] > floor)
                        {
                            Load(segment, r, record);
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// Marks every record up to and including <paramref name="sequence"/> as delivered (the publisher calls it
        /// with the highest contiguous PUBACKed sequence) and deletes segments that hold nothing undelivered.
        /// </summary>
        public void ReleaseThrough(long sequence)
        {
            lock (_sync)
            {
                if (sequence > _deliveredThrough)
                {
                    _deliveredThrough = sequence;
                }

                Release(sequence);
            }
        }

        /// <summary>Advances and persists the released watermark (delivered or evicted) and drops emptied segments.</summary>
        private void Release(long sequence)
        {
            if (sequence <= _releasedThrough)
            {
                return;
            }

            _releasedThrough = sequence < _nextSequence - 1 ? sequence : _nextSequence - 1;
            BigEndian.PutInt64(_releasedBuffer, 0, _releasedThrough);
            _released.Save(_releasedBuffer, 0, 8);
            DropReleasedSegments();
        }

        private void DropReleasedSegments()
        {
            while (_segments.Count > 1)
            {
                Segment oldest = (Segment)_segments[0];
                if (oldest.Count > 0 && oldest.Sequences[oldest.Count - 1] > _releasedThrough)
                {
                    break;
                }

                DropOldest();
            }
        }

        /// <summary>
        /// Records appended so far, up to <paramref name="sequence"/>, may have reached the broker (published, PUBACK
        /// not yet seen): if evicted, they are counted as unconfirmed.
        /// </summary>
        public void MarkSent(long sequence)
        {
            lock (_sync)
            {
                if (sequence >= _nextSequence)
                {
                    sequence = _nextSequence - 1;
                }

                if (sequence > _sentThrough)
                {
                    _sentThrough = sequence;
                }
            }
        }

        private void Recover()
        {
            if (_released.Load(_releasedBuffer) == 8)
            {
                _releasedThrough = _released.LoadedLegacyFormat
                    ? LittleEndian.GetInt64(_releasedBuffer, 0)
                    : BigEndian.GetInt64(_releasedBuffer, 0);
            }

            // Released beyond the last eviction means delivered; otherwise the ledger knows what was delivered when it
            // committed that eviction.
            _deliveredThrough = _releasedThrough > _gaps.EvictedThrough ? _releasedThrough : _gaps.DeliveredThrough;

            // An eviction is committed by the ledger's save; a power cut before its segment was deleted must not revive it.
            if (_gaps.EvictedThrough > _releasedThrough)
            {
                _releasedThrough = _gaps.EvictedThrough;
            }

            long[] ids = SegmentIds();
            for (int i = 0; i < ids.Length; i++)
            {
                Segment segment = new Segment(ids[i]);
                bool clean = Scan(segment);
                _segments.Add(segment);
                _totalBytes += segment.Bytes;
                _activeWritable = clean;
            }

            _nextSequence = _releasedThrough + 1;
            for (int i = 0; i < _segments.Count; i++)
            {
                Segment segment = (Segment)_segments[i];
                if (segment.Count > 0 && segment.Sequences[segment.Count - 1] >= _nextSequence)
                {
                    _nextSequence = segment.Sequences[segment.Count - 1] + 1;
                }
            }

            CountHoles();
            DropReleasedSegments();
        }

        /// <summary>
        /// Sequences are gap-free on storage, so a hole among the unreleased records is a record lost to corruption:
        /// counted once (the ledger remembers how far it checked) under the unknown stream, its topic being unreadable.
        /// </summary>
        private void CountHoles()
        {
            long expected = (_releasedThrough > _gaps.CheckedThrough ? _releasedThrough : _gaps.CheckedThrough) + 1;
            long checkedThrough = 0;
            for (int i = 0; i < _segments.Count; i++)
            {
                Segment segment = (Segment)_segments[i];
                for (int r = 0; r < segment.Count; r++)
                {
                    long sequence = segment.Sequences[r];
                    if (sequence < expected)
                    {
                        continue;
                    }

                    if (sequence > expected)
                    {
                        _gaps.Add(null, expected, sequence - 1, (int)(sequence - expected), 0, 0, 0);
                        checkedThrough = sequence;
                    }

                    expected = sequence + 1;
                }
            }

            if (checkedThrough > 0)
            {
                _gaps.Commit(0, checkedThrough, 0);
            }
        }

        /// <summary>
        /// Indexes a segment's intact records. A damaged one (bit flip, torn write) is skipped by resynchronising on
        /// the next intact record, so one bad record does not hide the rest of its segment; false if the file does not
        /// end with an intact record (appends then go to a fresh segment).
        /// </summary>
        private bool Scan(Segment segment)
        {
            int fileLength = _store.Length(segment.Name);
            int position = 0;
            int end = 0;
            long previous = 0;
            while (position < fileLength)
            {
                int length = IntactRecordAt(segment.Name, position, fileLength, previous, out long sequence);
                if (length == 0)
                {
                    position = NextCandidate(segment.Name, position + 1, fileLength);
                    continue;
                }

                segment.Add(sequence, position);
                previous = sequence;
                position += length;
                end = position;
            }

            segment.Bytes = end;
            return end == fileLength;
        }

        /// <summary>Length of the intact record at <paramref name="position"/> (magic, lengths, CRC, sequence above the previous one), else 0.</summary>
        private int IntactRecordAt(string name, int position, int fileLength, long previous, out long sequence)
        {
            sequence = 0;
            if (fileLength - position < HeaderLength + TrailerLength
                || _store.Read(name, position, _header, 0, HeaderLength) != HeaderLength
                || _header[0] != Magic || !IsVersion(_header[1]))
            {
                return 0;
            }

            uint body = BodyLength();
            int topicBytes = TopicLength();
            bool bigEndian = _header[1] == FormatVersion;
            long candidate = bigEndian ? BigEndian.GetInt64(_header, 6) : LittleEndian.GetInt64(_header, 6);
            if (body > (uint)(fileLength - position) || topicBytes > body || candidate <= previous)
            {
                return 0;
            }

            int length = RecordLength(0, (int)body);
            if (length > fileLength - position)
            {
                return 0;
            }

            if (!CrcHolds(name, position, length, bigEndian))
            {
                return 0;
            }

            sequence = candidate;
            return length;
        }

        /// <summary>The CRC of the record at <paramref name="position"/> (header already in <see cref="_header"/>), streamed through <see cref="_stamp"/>.</summary>
        private bool CrcHolds(string name, int position, int length, bool bigEndian)
        {
            uint crc = Crc32.Update(Crc32.Start, _header, 0, HeaderLength);
            int at = position + HeaderLength;
            int end = position + length - TrailerLength;
            while (at < end)
            {
                int want = end - at < _stamp.Length ? end - at : _stamp.Length;
                if (_store.Read(name, at, _stamp, 0, want) != want)
                {
                    return false;
                }

                crc = Crc32.Update(crc, _stamp, 0, want);
                at += want;
            }

            if (_store.Read(name, end, _header, 0, TrailerLength) != TrailerLength)
            {
                return false;
            }

            uint stored = bigEndian ? BigEndian.GetUInt32(_header, 0) : LittleEndian.GetUInt32(_header, 0);
            return Crc32.Finish(crc) == stored;
        }

        /// <summary>The next position at or after <paramref name="from"/> that starts with the record magic, else the file length.</summary>
        private int NextCandidate(string name, int from, int fileLength)
        {
            while (fileLength - from >= 2)
            {
                int want = fileLength - from < _stamp.Length ? fileLength - from : _stamp.Length;
                int read = _store.Read(name, from, _stamp, 0, want);
                for (int i = 0; i + 1 < read; i++)
                {
                    if (_stamp[i] == Magic && IsVersion(_stamp[i + 1]))
                    {
                        return from + i;
                    }
                }

                if (read < 2)
                {
                    break;
                }

                // Overlap by one byte: the magic may straddle two reads.
                from += read - 1;
            }

            return fileLength;
        }

        private void Load(Segment segment, int index, OutboxRecord record)
        {
            int position = segment.Positions[index];
            _store.Read(segment.Name, position, _header, 0, HeaderLength);
            int body = (int)BodyLength();
            int topicBytes = TopicLength();
            EnsureScratch(topicBytes);
            _store.Read(segment.Name, position + HeaderLength, _scratch, 0, topicBytes);
            record.Topic = _recentTopics.Decode(_scratch, 0, topicBytes);
            int payloadLength = body - topicBytes;
            if (record.Payload.Length < payloadLength)
            {
                record.Payload = new byte[payloadLength];
            }

            _store.Read(segment.Name, position + HeaderLength + topicBytes, record.Payload, 0, payloadLength);
            record.PayloadLength = payloadLength;
            record.Sequence = segment.Sequences[index];
        }

        private static bool IsVersion(byte version) => version == FormatVersion || version == LittleEndianVersion;

        /// <summary>Topic and payload bytes of the record whose header is in <see cref="_header"/>, in the byte order of its format.</summary>
        private uint BodyLength() => _header[1] == FormatVersion ? BigEndian.GetUInt32(_header, 2) : LittleEndian.GetUInt32(_header, 2);

        private int TopicLength() => _header[1] == FormatVersion ? BigEndian.GetUInt16(_header, 14) : LittleEndian.GetUInt16(_header, 14);

        private Segment ActiveSegment(int recordLength)
        {
            Segment active = _segments.Count > 0 ? (Segment)_segments[_segments.Count - 1] : null;
            if (active == null || !_activeWritable || (active.Bytes > 0 && active.Bytes + recordLength > _segmentBytes))
            {
                active = new Segment(active == null ? 1 : active.Id + 1);
                _segments.Add(active);
                _activeWritable = true;
            }

            return active;
        }

        private void EvictOldest()
        {
            Segment oldest = (Segment)_segments[0];
            long last = _releasedThrough;
            for (int r = 0; r < oldest.Count; r++)
            {
                long sequence = oldest.Sequences[r];
                if (sequence > _releasedThrough)
                {
                    string topic = ReadTopic(oldest, r, out long ticks);
                    _gaps.Add(topic, sequence, sequence, 1, sequence <= _sentThrough ? 1 : 0, ticks, _deliveredThrough);
                    last = sequence;
                }
            }

            if (last > _releasedThrough)
            {
                // The ledger's save commits the eviction (Recover honours it even if the delete below never happens).
                _gaps.Commit(last, 0, _deliveredThrough);
            }

            DropOldest();
            Release(last);
        }

        /// <summary>A record's topic and the time its envelope is stamped with ("ts", as ticks; 0 if it has none).</summary>
        private string ReadTopic(Segment segment, int index, out long ticks)
        {
            int position = segment.Positions[index];
            _store.Read(segment.Name, position, _header, 0, HeaderLength);
            int body = (int)BodyLength();
            int topicBytes = TopicLength();
            // Not the scratch buffer: eviction runs inside Append, with the new record already built there.
            byte[] topicBuffer = new byte[topicBytes];
            _store.Read(segment.Name, position + HeaderLength, topicBuffer, 0, topicBytes);
            string topic = Encoding.UTF8.GetString(topicBuffer, 0, topicBytes);
            int window = body - topicBytes < StampWindow ? body - topicBytes : StampWindow;
            int read = _store.Read(segment.Name, position + HeaderLength + topicBytes, _stamp, 0, window);
            ticks = StampTicks(read);
            return topic;
        }

        private long StampTicks(int length)
        {
            for (int i = 0; i + StampKey.Length <= length; i++)
            {
                int k = 0;
                while (k < StampKey.Length && _stamp[i + k] == StampKey[k])
                {
                    k++;
                }

                if (k < StampKey.Length)
                {
                    continue;
                }

                int from = i + k;
                int to = from;
                while (to < length && _stamp[to] != (byte)'"')
                {
                    to++;
                }

                string text = to < length ? Encoding.UTF8.GetString(_stamp, from, to - from) : null;
                long ticks = 0;
                try
                {
                    ticks = IsoTime.Parse(text).Ticks;
                }
                catch (JsonException)
                {
                    // Not an envelope's timestamp: the time span stays unknown.
                }

                return ticks;
            }

            return 0;
        }

        private void DropOldest()
        {
            Segment oldest = (Segment)_segments[0];
            _store.Delete(oldest.Name);
            _totalBytes -= oldest.Bytes;
            _segments.RemoveAt(0);
        }

        private long[] SegmentIds()
        {
            string[] names = _store.List();
            long[] ids = new long[names.Length];
            int count = 0;
            for (int i = 0; i < names.Length; i++)
            {
                long id = Segment.IdOf(names[i]);
                if (id < 0)
                {
                    continue;
                }

                // Insertion sort: there are only a handful of segments (no Array.Sort on the device).
                int at = count++;
                while (at > 0 && ids[at - 1] > id)
                {
                    ids[at] = ids[at - 1];
                    at--;
                }

                ids[at] = id;
            }

            long[] sorted = new long[count];
            Array.Copy(ids, sorted, count);
            return sorted;
        }

        private byte[] EnsureScratch(int length)
        {
            if (_scratch.Length < length)
            {
                _scratch = new byte[length];
            }

            return _scratch;
        }

        /// <summary>One segment file and the index of its valid records.</summary>
        private sealed class Segment
        {
            public long[] Sequences = new long[16];
            public int[] Positions = new int[16];
            public int Count;
            public int Bytes;

            public Segment(long id)
            {
                Id = id;
                Name = SegmentPrefix + id.ToString("D8") + SegmentSuffix;
            }

            public long Id { get; }

            public string Name { get; }

            public static long IdOf(string name)
            {
                if (name.Length != SegmentPrefix.Length + 8 + SegmentSuffix.Length || !name.StartsWith(SegmentPrefix) || !name.EndsWith(SegmentSuffix))
                {
                    return -1;
                }

                long id = 0;
                for (int i = SegmentPrefix.Length; i < SegmentPrefix.Length + 8; i++)
                {
                    char c = name[i];
                    if (c < '0' || c > '9')
                    {
                        return -1;
                    }

                    id = id * 10 + (c - '0');
                }

                return id;
            }

            public void Add(long sequence, int position)
            {
                if (Count == Sequences.Length)
                {
                    long[] sequences = new long[Count * 2];
                    int[] positions = new int[Count * 2];
                    Array.Copy(Sequences, sequences, Count);
                    Array.Copy(Positions, positions, Count);
                    Sequences = sequences;
                    Positions = positions;
                }

                Sequences[Count] = sequence;
                Positions[Count] = position;
                Count++;
            }
        }
    }
}
