using System;
using OpenAmi.Storage.Ports;
using OpenAmi.Storage.Records;

namespace OpenAmi.Prepaid.Keypad
{
    /// <summary>
    /// Growing wait after invalid entries: 1 minute after the first counted invalid entry, doubling each time,
    /// capped at 512 minutes (OpenPAYGO Token general documentation, "Waiting period for invalid tokens").
    /// The state is saved on every change and a restored lockout restarts with the full remaining time, so
    /// cutting the power never shortens it. Record: version u8 | consecutive invalid u32 | remaining ms i64.
    /// </summary>
    public sealed class KeypadLockout
    {
        public const long BaseLockoutMs = 60000;
        public const int MaxDoublings = 9;
        private const int PayloadLength = 13;
        private const int Version = 1;

        private readonly DualSlotRecordStore _record;
        private readonly int _freeAttempts;
        private readonly byte[] _payload = new byte[PayloadLength];
        private long _lockedUntilMs;

        public KeypadLockout(IFileStore store, int freeAttempts)
        {
            _record = new DualSlotRecordStore(store, "keypad-lockout", PayloadLength);
            _freeAttempts = freeAttempts;
        }

        public int ConsecutiveInvalid { get; private set; }

        public bool IsLocked(long nowMs)
        {
            return nowMs < _lockedUntilMs;
        }

        public long RemainingMs(long nowMs)
        {
            return IsLocked(nowMs) ? _lockedUntilMs - nowMs : 0;
        }

        /// <summary>
        /// Loads the saved state. A slot holding something that is not a valid record is a save cut short by a
        /// power failure (or corrupted flash): the change it carried is unknown, so the worst is assumed — one more
        /// invalid entry on top of the valid record, or, with no valid record left, the longest lockout. A cut or
        /// a corruption therefore never forgets a counted entry and never unlocks the keypad.
        /// </summary>
        public void Restore(long nowMs)
        {
            int length = _record.Load(_payload);
            bool valid = length > 0 && _payload[0] == Version;
            if (valid)
            {
                var reader = new RecordReader(_payload, 1, length - 1);
                ConsecutiveInvalid = (int)reader.ReadUInt32();
                _lockedUntilMs = nowMs + reader.ReadInt64();
            }

            if (!_record.FoundDamage)
            {
                return;
            }

            if (!valid)
            {
                ConsecutiveInvalid = _freeAttempts + MaxDoublings;
            }

            RegisterInvalid(nowMs);
        }

        public void RegisterInvalid(long nowMs)
        {
            ConsecutiveInvalid++;
            int locked = ConsecutiveInvalid - _freeAttempts;
            long duration = 0;
            if (locked > 0)
            {
                int doublings = locked - 1 < MaxDoublings ? locked - 1 : MaxDoublings;
                duration = BaseLockoutMs << doublings;
            }

            _lockedUntilMs = nowMs + duration;
            Save(duration);
        }

        public void RegisterAccepted()
        {
            if (ConsecutiveInvalid == 0 && _lockedUntilMs == 0)
            {
                return;
            }

            ConsecutiveInvalid = 0;
            _lockedUntilMs = 0;
            Save(0);
        }

        private void Save(long remainingMs)
        {
            var writer = new RecordWriter(_payload, 0);
            writer.WriteByte(Version);
            writer.WriteUInt32((uint)ConsecutiveInvalid);
            writer.WriteInt64(remainingMs);

            // A plain store between the last call and the try: on nanoCLR a call ending right before a try block
            // would have its exception run that try's catch.
            int length = writer.Position;
            try
            {
                _record.Save(_payload, 0, length);
            }
            catch (Exception)
            {
                // The lockout still holds in memory; the next change retries the save.
            }
        }
    }
}
