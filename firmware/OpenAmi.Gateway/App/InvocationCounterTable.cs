using System;
using System.Collections;
using System.Text;
using OpenAmi.Metering.Dlms;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// Every DLMS meter's next client invocation counter, on flash, so a rebooted gateway continues above the counters
    /// it used before (a meter refuses any value it has seen). One power-cut-safe two-slot record
    /// (<see cref="DualSlotRecordStore"/>, files dlms-ic.0/.1) holds all meters; the reader saves a reserved block
    /// before it uses any counter of it, so the older record a torn save leaves behind is still above every counter
    /// sent. Meters are keyed by bus and HDLC address: two buses may each have a meter at the same address.
    /// Payload: per meter the bus id's length (u8) and UTF-8 bytes, the address (u32) and the next counter (u32),
    /// big-endian (a record saved before that order was the rule holds them little-endian).
    /// </summary>
    public sealed class InvocationCounterTable
    {
        /// <summary>Room for about a hundred meters with bus ids of a dozen characters.</summary>
        public const int MaxPayload = 2048;

        private const int NumbersLength = 8;
        private readonly DualSlotRecordStore _record;
        private readonly byte[] _payload = new byte[MaxPayload];
        private readonly Hashtable _next = new Hashtable();
        private readonly ArrayList _keys = new ArrayList();
        private readonly object _sync = new object();

        public InvocationCounterTable(IFileStore store)
        {
            if (store == null)
            {
                throw new ArgumentNullException(nameof(store));
            }

            _record = new DualSlotRecordStore(store, "dlms-ic", MaxPayload);
            int length = _record.Load(_payload);
            if (length > 0)
            {
                Parse(length, _record.LoadedLegacyFormat);
            }
        }

        /// <summary>The counters of the meters on one bus, as the DLMS reader of that bus uses them.</summary>
        public IInvocationCounterStore ForBus(string busId)
        {
            if (busId == null)
            {
                throw new ArgumentNullException(nameof(busId));
            }

            if (Encoding.UTF8.GetBytes(busId).Length > 255)
            {
                throw new ArgumentException("bus id longer than 255 bytes", nameof(busId));
            }

            return new BusCounters(this, busId);
        }

        private uint Load(MeterKey key)
        {
            lock (_sync)
            {
                object next = _next[key.Text];
                return next == null ? 0 : (uint)next;
            }
        }

        /// <summary>Writes the whole table; an I/O failure or a full table is thrown to the reader (its association fails).</summary>
        private void Save(MeterKey key, uint next)
        {
            lock (_sync)
            {
                if (_next[key.Text] == null)
                {
                    _keys.Add(key);
                }

                _next[key.Text] = next;
                int length = 0;
                for (int i = 0; i < _keys.Count; i++)
                {
                    var meter = (MeterKey)_keys[i];
                    byte[] bus = Encoding.UTF8.GetBytes(meter.Bus);
                    if (length + 1 + bus.Length + NumbersLength > MaxPayload)
                    {
                        throw new InvalidOperationException("invocation counter table full: " + _keys.Count + " meters do not fit in " + MaxPayload + " bytes");
                    }

                    _payload[length++] = (byte)bus.Length;
                    Array.Copy(bus, 0, _payload, length, bus.Length);
                    length += bus.Length;
                    length = PutU32(length, (uint)meter.Address);
                    length = PutU32(length, (uint)_next[meter.Text]);
                }

                _record.Save(_payload, 0, length);
            }
        }

        /// <summary>Reads the entries back; a record cut short ends the table there (the CRC makes that a format error, not a torn write).</summary>
        private void Parse(int length, bool littleEndian)
        {
            int at = 0;
            while (at < length)
            {
                int busLength = _payload[at];
                if (at + 1 + busLength + NumbersLength > length)
                {
                    return;
                }

                string bus = new string(Encoding.UTF8.GetChars(_payload, at + 1, busLength));
                at += 1 + busLength;
                var key = new MeterKey(bus, (int)GetU32(at, littleEndian));
                _keys.Add(key);
                _next[key.Text] = GetU32(at + 4, littleEndian);
                at += NumbersLength;
            }
        }

        private int PutU32(int at, uint value)
        {
            BigEndian.PutUInt32(_payload, at, value);
            return at + 4;
        }

        private uint GetU32(int at, bool littleEndian) =>
            littleEndian ? LittleEndian.GetUInt32(_payload, at) : BigEndian.GetUInt32(_payload, at);

        private sealed class MeterKey
        {
            public MeterKey(string bus, int address)
            {
                Bus = bus;
                Address = address;
                Text = bus + "/" + address.ToString();
            }

            public string Bus { get; }

            public int Address { get; }

            public string Text { get; }
        }

        private sealed class BusCounters : IInvocationCounterStore
        {
            private readonly InvocationCounterTable _table;
            private readonly string _bus;

            public BusCounters(InvocationCounterTable table, string bus)
            {
                _table = table;
                _bus = bus;
            }

            public uint Load(int meterAddress) => _table.Load(new MeterKey(_bus, meterAddress));

            public void Save(int meterAddress, uint next) => _table.Save(new MeterKey(_bus, meterAddress), next);
        }
    }
}
