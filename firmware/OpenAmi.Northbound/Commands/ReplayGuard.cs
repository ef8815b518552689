using System;
using System.Text;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Northbound.Commands
{
    /// <summary>
    /// Remembers, across reboots, which command ids were accepted: the last <see cref="Capacity"/> (id, issued)
    /// pairs plus a floor, the newest "issued" time ever forgotten. A command is fresh only if its id is not
    /// remembered and it was issued after the floor. Persisted in a <see cref="DualSlotRecordStore"/> record before the command runs,
    /// encoded in place in the record's own buffer. Ids are ASCII (the command grammar allows [A-Za-z0-9._:-] only), one
    /// byte per character, which bounds the record at 2,345 bytes; the record's buffer holds only the table saved so far
    /// (a gateway that has taken no command yet holds none).
    /// </summary>
    public sealed class ReplayGuard
    {
        public const int Capacity = 32;
        public const int MaxIdLength = 64;

        // floor i64 | count u8 | count × (issued i64 | id length u8 | ASCII id); big-endian, or little-endian in a
        // record saved before that order was the rule
        private const int MaxPayload = 9 + (Capacity * (9 + MaxIdLength));

        private readonly DualSlotRecordStore _record;
        private readonly string[] _ids = new string[Capacity];
        private readonly long[] _issued = new long[Capacity];
        private int _count;
        private long _floorTicks;

        public ReplayGuard(IFileStore store)
        {
            _record = new DualSlotRecordStore(store, "cmd-replay", MaxPayload);
            Load();
        }

        /// <summary>
        /// The table read at boot may not be the newest saved (a damaged slot, <see cref="DualSlotRecordStore.FoundDamage"/>):
        /// no command can be proven fresh until <see cref="RaiseFloor"/> puts the floor at a trusted "now".
        /// </summary>
        public bool Damaged { get; private set; }

        /// <summary>
        /// After damage: every command issued up to <paramref name="now"/> counts as possibly executed before; the
        /// table is saved again (over the damaged slot), so the new floor survives the next reboot.
        /// </summary>
        public void RaiseFloor(DateTime now)
        {
            if (now.Ticks > _floorTicks)
            {
                _floorTicks = now.Ticks;
            }

            Damaged = false;
            Save();
        }

        public bool IsFresh(string id, DateTime issued)
        {
            if (Damaged || issued.Ticks <= _floorTicks)
            {
                return false;
            }

            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Records an accepted command and persists the table (call before executing it). An id that is not 1 to
        /// <see cref="MaxIdLength"/> ASCII characters is refused with <see cref="ArgumentException"/> (the command
        /// processor never passes one).
        /// </summary>
        public void Remember(string id, DateTime issued)
        {
            CheckId(id);
            if (_count == Capacity)
            {
                int oldest = 0;
                for (int i = 1; i < _count; i++)
                {
                    if (_issued[i] < _issued[oldest])
                    {
                        oldest = i;
                    }
                }

                if (_issued[oldest] > _floorTicks)
                {
                    _floorTicks = _issued[oldest];
                }

                _ids[oldest] = _ids[_count - 1];
                _issued[oldest] = _issued[_count - 1];
                _count--;
            }

            _ids[_count] = id;
            _issued[_count] = issued.Ticks;
            _count++;
            Save();
        }

        private static void CheckId(string id)
        {
            if (id == null || id.Length == 0 || id.Length > MaxIdLength)
            {
                throw new ArgumentException("a command id is 1 to " + MaxIdLength.ToString() + " characters", "id");
            }

            for (int i = 0; i < id.Length; i++)
            {
                if (id[i] >= 0x80)
                {
                    throw new ArgumentException("a command id is ASCII", "id");
                }
            }
        }

        private void Save()
        {
            int length = 9;
            for (int i = 0; i < _count; i++)
            {
                length += 9 + _ids[i].Length;
            }

            byte[] data = _record.BufferFor(length);
            int start = DualSlotRecordStore.PayloadOffset;
            BigEndian.PutInt64(data, start, _floorTicks);
            data[start + 8] = (byte)_count;
            int position = start + 9;
            for (int i = 0; i < _count; i++)
            {
                string id = _ids[i];
                BigEndian.PutInt64(data, position, _issued[i]);
                data[position + 8] = (byte)id.Length;
                for (int c = 0; c < id.Length; c++)
                {
                    data[position + 9 + c] = (byte)id[c];
                }

                position += 9 + id.Length;
            }

            _record.SaveInPlace(position - start);
        }

        private void Load()
        {
            int length = _record.LoadInPlace();
            Damaged = _record.FoundDamage;
            if (length < 9)
            {
                return;
            }

            byte[] data = _record.BufferFor(length);
            int start = DualSlotRecordStore.PayloadOffset;
            int end = start + length;
            bool littleEndian = _record.LoadedLegacyFormat;
            _floorTicks = GetTicks(data, start, littleEndian);
            int count = data[start + 8];
            int position = start + 9;
            for (int i = 0; i < count && i < Capacity && position + 9 <= end; i++)
            {
                int idLength = data[position + 8];
                if (position + 9 + idLength > end)
                {
                    break;
                }

                _issued[i] = GetTicks(data, position, littleEndian);
                _ids[i] = Encoding.UTF8.GetString(data, position + 9, idLength);
                _count = i + 1;
                position += 9 + idLength;
            }
        }

        private static long GetTicks(byte[] data, int at, bool littleEndian) =>
            littleEndian ? LittleEndian.GetInt64(data, at) : BigEndian.GetInt64(data, at);
    }
}
