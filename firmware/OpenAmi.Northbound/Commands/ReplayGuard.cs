using System;
using System.Text;
using OpenAmi.Northbound.Outbox;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Northbound.Commands
{
    /// <summary>
    /// Remembers, across reboots, which command ids were accepted: the last <see cref="Capacity"/> (id, issued)
    /// pairs plus a floor, the newest "issued" time ever forgotten. A command is fresh only if its id is not
    /// remembered and it was issued after the floor. Persisted in a <see cref="DualSlotRecordStore"/> record before the command runs.
    /// </summary>
    public sealed class ReplayGuard
    {
        public const int Capacity = 32;
        public const int MaxIdLength = 64;

        // floor i64 | count u8 | count × (issued i64 | id length u8 | UTF-8 id of up to 3 bytes per char)
        private const int MaxPayload = 9 + (Capacity * (9 + (MaxIdLength * 3)));

        private readonly DualSlotRecordStore _record;
        private readonly byte[] _payload = new byte[MaxPayload];
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

        /// <summary>Records an accepted command and persists the table (call before executing it).</summary>
        public void Remember(string id, DateTime issued)
        {
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

        private void Save()
        {
            byte[] data = _payload;
            LittleEndian.PutInt64(data, 0, _floorTicks);
            data[8] = (byte)_count;
            int position = 9;
            for (int i = 0; i < _count; i++)
            {
                LittleEndian.PutInt64(data, position, _issued[i]);
                int length = Encoding.UTF8.GetBytes(_ids[i], 0, _ids[i].Length, data, position + 9);
                data[position + 8] = (byte)length;
                position += 9 + length;
            }

            _record.Save(data, 0, position);
        }

        private void Load()
        {
            byte[] data = _payload;
            int length = _record.Load(data);
            Damaged = _record.FoundDamage;
            if (length < 9)
            {
                return;
            }

            _floorTicks = LittleEndian.GetInt64(data, 0);
            int count = data[8];
            int position = 9;
            for (int i = 0; i < count && i < Capacity && position + 9 <= length; i++)
            {
                int idLength = data[position + 8];
                if (position + 9 + idLength > length)
                {
                    break;
                }

                _issued[i] = LittleEndian.GetInt64(data, position);
                _ids[i] = Encoding.UTF8.GetString(data, position + 9, idLength);
                _count = i + 1;
                position += 9 + idLength;
            }
        }
    }
}
