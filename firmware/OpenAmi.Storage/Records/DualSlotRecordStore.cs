using System;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Storage.Records
{
    /// <summary>
    /// Atomic replace of one small record over two slot files, <c>&lt;name&gt;.0</c> and <c>&lt;name&gt;.1</c>.
    /// Layout of a slot: <c>"OAP2" | sequence u32 | length u16 | payload | CRC-32 u32</c> (<see cref="BigEndian"/>;
    /// the CRC covers everything before it). A slot marked "OAP1" (same layout) was saved by firmware from before the
    /// one flash byte order, whose owners may have packed their payload little-endian: it still loads, and
    /// <see cref="LoadedLegacyFormat"/> tells the owner to read it the old way; the next save writes "OAP2".
    /// A save always goes to the slot that does not hold the newest valid record, so a power cut mid-write leaves that record intact; a load takes the valid slot with the newer sequence
    /// (serial-number arithmetic, so the counter may wrap). Call <see cref="Load(byte[])"/> or <see cref="LoadInPlace"/>
    /// once before the first save. A large record is best kept in place: the owner encodes into <see cref="Buffer"/> at
    /// <see cref="PayloadOffset"/> and calls <see cref="SaveInPlace"/>, so the payload needs no second buffer of its own.
    /// The slot buffer grows with the records actually held, up to the bound given: nothing is allocated until a slot is
    /// read or a record saved, so a store whose record is empty or small (no commands yet, no outbox losses) costs no
    /// heap for the largest record it might one day hold. An owner that knows its record's size asks for just that
    /// (<see cref="BufferFor"/>).
    /// </summary>
    public sealed class DualSlotRecordStore
    {
        public const int HeaderLength = 10;
        public const int TrailerLength = 4;

        private static readonly byte[] Empty = new byte[0];

        private readonly IFileStore _store;
        private readonly string[] _slotNames;
        private readonly int _maxPayload;
        private byte[] _slotBuffer = Empty;
        private uint _sequence;
        private int _newestSlot = -1;

        public DualSlotRecordStore(IFileStore store, string name, int maxPayload)
        {
            _store = store;
            _slotNames = new[] { name + ".0", name + ".1" };
            _maxPayload = maxPayload;
        }

        /// <summary>Where the payload starts in <see cref="Buffer"/> (after the slot header).</summary>
        public const int PayloadOffset = HeaderLength;

        /// <summary>
        /// The slot buffer: after <see cref="LoadInPlace"/> the payload read is at <see cref="PayloadOffset"/>; before
        /// <see cref="SaveInPlace"/> the owner writes the payload there. Bytes outside the payload are the store's.
        /// </summary>
        public byte[] Buffer
        {
            get { return BufferFor(_maxPayload); }
        }

        public int MaxPayload
        {
            get { return _maxPayload; }
        }

        /// <summary>
        /// The slot buffer with room for a payload of <paramref name="payloadLength"/> bytes at <see cref="PayloadOffset"/>;
        /// a buffer too small is replaced by a larger one (at least twice the old payload room, so a record growing a little
        /// at a time is not copied at every save) keeping its bytes. Beyond <see cref="MaxPayload"/>: <see cref="ArgumentOutOfRangeException"/>.
        /// </summary>
        public byte[] BufferFor(int payloadLength)
        {
            CheckCount(payloadLength);
            Reserve(HeaderLength + payloadLength + TrailerLength);
            return _slotBuffer;
        }

        private void Reserve(int slotLength)
        {
            if (_slotBuffer.Length >= slotLength)
            {
                return;
            }

            int doubled = 2 * _slotBuffer.Length;
            int largest = HeaderLength + _maxPayload + TrailerLength;
            int length = doubled > slotLength ? (doubled < largest ? doubled : largest) : slotLength;
            byte[] grown = new byte[length];
            Array.Copy(_slotBuffer, grown, _slotBuffer.Length);
            _slotBuffer = grown;
        }

        /// <summary>
        /// The last <see cref="Load"/> found a slot with content that is not a valid record: a save torn by a power
        /// cut, or flash corruption. The two cannot be told apart, so the record loaded (the older one, or none) may
        /// not be the newest ever saved; a record whose loss is unsafe (the replay table) must act on this.
        /// </summary>
        public bool FoundDamage { get; private set; }

        /// <summary>The payload last loaded was saved as "OAP1", before every payload integer was big-endian.</summary>
        public bool LoadedLegacyFormat { get; private set; }

        /// <summary>Copies the newest valid payload into <paramref name="payload"/>; returns its length, or -1 if neither slot holds a valid record.</summary>
        public int Load(byte[] payload)
        {
            int length = LoadInPlace();
            if (length > 0)
            {
                Array.Copy(_slotBuffer, HeaderLength, payload, 0, length);
            }

            return length;
        }

        /// <summary>Leaves the newest valid payload in <see cref="Buffer"/> at <see cref="PayloadOffset"/>; returns its length, or -1 if neither slot holds a valid record.</summary>
        public int LoadInPlace()
        {
            int best = -1;
            uint bestSequence = 0;
            FoundDamage = false;
            LoadedLegacyFormat = false;
            for (int slot = 0; slot < 2; slot++)
            {
                uint sequence;
                bool exists;
                if (ReadValid(slot, out sequence, out exists) < 0)
                {
                    // Even an empty slot file is a save that began (erase first) and never finished.
                    FoundDamage |= exists;
                }
                else if (best < 0 || (int)(sequence - bestSequence) > 0)
                {
                    best = slot;
                    bestSequence = sequence;
                }
            }

            _newestSlot = best;
            if (best < 0)
            {
                return -1;
            }

            _sequence = bestSequence;
            uint ignored;
            bool found;
            int payloadLength = ReadValid(best, out ignored, out found);
            LoadedLegacyFormat = payloadLength >= 0 && _slotBuffer[3] == '1';
            return payloadLength;
        }

        public void Save(byte[] payload, int offset, int count)
        {
            Array.Copy(payload, offset, BufferFor(count), HeaderLength, count);
            SaveInPlace(count);
        }

        /// <summary>Saves the <paramref name="count"/> payload bytes the owner wrote into <see cref="Buffer"/> at <see cref="PayloadOffset"/>.</summary>
        public void SaveInPlace(int count)
        {
            BufferFor(count);
            uint sequence = _sequence + 1;
            int slot = _newestSlot == 0 ? 1 : 0;
            var writer = new RecordWriter(_slotBuffer, 0);
            writer.WriteByte('O');
            writer.WriteByte('A');
            writer.WriteByte('P');
            writer.WriteByte('2');
            writer.WriteUInt32(sequence);
            writer.WriteUInt16(count);
            int crcAt = HeaderLength + count;
            BigEndian.PutUInt32(_slotBuffer, crcAt, Crc32.Compute(_slotBuffer, 0, crcAt));
            _store.Write(_slotNames[slot], _slotBuffer, 0, crcAt + TrailerLength);

            // Only after the write returned does the new slot become the one to protect.
            _sequence = sequence;
            _newestSlot = slot;
        }

        private void CheckCount(int count)
        {
            if (count < 0 || count > _maxPayload)
            {
                throw new ArgumentOutOfRangeException("count", "record payload too large");
            }
        }

        private int ReadValid(int slot, out uint sequence, out bool exists)
        {
            sequence = 0;
            string file = _slotNames[slot];
            int length = _store.Length(file);
            exists = length >= 0;

            // A slot longer than the largest record cannot hold one: it is as invalid as a torn one.
            if (length < HeaderLength + TrailerLength || length > HeaderLength + _maxPayload + TrailerLength)
            {
                return -1;
            }

            Reserve(length);
            if (_store.Read(file, 0, _slotBuffer, 0, length) != length)
            {
                return -1;
            }

            if (_slotBuffer[0] != 'O' || _slotBuffer[1] != 'A' || _slotBuffer[2] != 'P'
                || (_slotBuffer[3] != '1' && _slotBuffer[3] != '2'))
            {
                return -1;
            }

            sequence = BigEndian.GetUInt32(_slotBuffer, 4);
            int payloadLength = BigEndian.GetUInt16(_slotBuffer, 8);
            if (HeaderLength + payloadLength + TrailerLength != length)
            {
                return -1;
            }

            uint stored = BigEndian.GetUInt32(_slotBuffer, HeaderLength + payloadLength);
            return stored == Crc32.Compute(_slotBuffer, 0, HeaderLength + payloadLength) ? payloadLength : -1;
        }
    }
}
