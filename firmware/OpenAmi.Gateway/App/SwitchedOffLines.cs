using System;
using OpenAmi.Safety.Ports;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Gateway.App
{
    /// <summary>
    /// The lines switched off on purpose (a head-end disconnect, credit run out), remembered across reboots: after a
    /// power cut the gateway puts a line back on only if nobody had switched it off. An operator who disconnected a line
    /// because of a hazard must not see it come back with the mains. One bit per line in a power-cut-safe two-slot
    /// record (<see cref="DualSlotRecordStore"/>, files supply-off.0/.1, payload the mask as u32, big-endian;
    /// a record saved before that order was the rule holds it little-endian).
    /// Written on the requester's thread (the command lane), never on the safety thread.
    /// </summary>
    public sealed class SwitchedOffLines : ISwitchOffMemory
    {
        private const int PayloadLength = 4;
        private readonly DualSlotRecordStore _record;
        private readonly byte[] _payload = new byte[PayloadLength];
        private readonly object _sync = new object();
        private int _mask;

        public SwitchedOffLines(IFileStore store)
        {
            _record = new DualSlotRecordStore(store, "supply-off", PayloadLength);
            if (_record.Load(_payload) == PayloadLength)
            {
                _mask = (int)(_record.LoadedLegacyFormat
                    ? LittleEndian.GetUInt32(_payload, 0)
                    : BigEndian.GetUInt32(_payload, 0));
            }
        }

        public bool IsOff(int line)
        {
            lock (_sync)
            {
                return (_mask & (1 << line)) != 0;
            }
        }

        /// <summary>Persists a switch-off; an I/O failure is thrown to the caller (the line is off either way).</summary>
        public void SwitchedOff(int line) => Update(line, true);

        /// <summary>
        /// Forgets a switch-off once a request to energise was granted. A failure to persist is not thrown: the line
        /// is on now, and the stale bit only keeps it off after the next reboot until the next request.
        /// </summary>
        public void Wanted(int line)
        {
            try
            {
                Update(line, false);
            }
            catch (Exception)
            {
                // See above: the conservative outcome needs no handling.
            }
        }

        private void Update(int line, bool off)
        {
            lock (_sync)
            {
                int mask = off ? _mask | (1 << line) : _mask & ~(1 << line);
                if (mask == _mask)
                {
                    return;
                }

                _mask = mask;
                BigEndian.PutUInt32(_payload, 0, (uint)mask);
                _record.Save(_payload, 0, PayloadLength);
            }
        }
    }
}
