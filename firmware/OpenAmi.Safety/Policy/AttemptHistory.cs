using System;
using OpenAmi.Storage.Records;

namespace OpenAmi.Safety.Policy
{
    /// <summary>
    /// The persisted re-energise history of one line: lockout, whether the line was last opened by a trip, and the dates
    /// of recent probe re-closures after trips. Serialised with a checksum; an unreadable record reads as locked out,
    /// because a lockout that cannot be proven absent must be assumed present. Version 2 holds the attempt times
    /// big-endian (the one flash byte order); version 1, little-endian, was written before it and still loads, so an
    /// update neither forgets a lockout nor counts a line's attempts wrongly.
    /// </summary>
    public sealed class AttemptHistory
    {
        public const long UnknownTime = 0;
        private const byte Version = 2;
        private const byte LittleEndianVersion = 1;
        private const int Capacity = 8;
        private const int HeaderLength = 4;
        private const int RecordLength = HeaderLength + Capacity * 8 + 2;

        private readonly long[] _attempts = new long[Capacity];

        public bool LockedOut { get; private set; }

        public RefusalReason LockoutReason { get; private set; }

        /// <summary>The line was last opened by earth leakage: the next closure is an attempt against the budget.</summary>
        public bool LastOffWasTrip { get; set; }

        public int StoredAttempts { get; private set; }

        /// <summary>The stored record could not be read (and therefore reads as locked out).</summary>
        public bool WasCorrupt { get; private set; }

        public void Lock(RefusalReason reason)
        {
            LockedOut = true;
            LockoutReason = reason;
        }

        /// <summary>Local reset: lockout and history cleared.</summary>
        public void Clear()
        {
            LockedOut = false;
            LockoutReason = RefusalReason.None;
            LastOffWasTrip = false;
            StoredAttempts = 0;
            Array.Clear(_attempts, 0, Capacity);
        }

        public void RecordAttempt(long unixSeconds)
        {
            if (StoredAttempts == Capacity)
            {
                Array.Copy(_attempts, 1, _attempts, 0, Capacity - 1);
                StoredAttempts--;
            }

            _attempts[StoredAttempts] = unixSeconds;
            StoredAttempts++;
        }

        /// <summary>
        /// Attempts inside the window ending now. Conservative with time: undated attempts, attempts dated in the future
        /// (clock stepped back) and every attempt while the clock is unknown all count as recent.
        /// </summary>
        public int AttemptsWithin(long windowSeconds, bool clockKnown, long nowUnixSeconds)
        {
            int count = 0;
            for (int i = 0; i < StoredAttempts; i++)
            {
                long at = _attempts[i];
                if (!clockKnown || at == UnknownTime || at > nowUnixSeconds || nowUnixSeconds - at < windowSeconds)
                {
                    count++;
                }
            }

            return count;
        }

        public byte[] Serialise()
        {
            var data = new byte[RecordLength];
            data[0] = Version;
            data[1] = (byte)((LockedOut ? 1 : 0) | (LastOffWasTrip ? 2 : 0));
            data[2] = (byte)LockoutReason;
            data[3] = (byte)StoredAttempts;
            for (int i = 0; i < Capacity; i++)
            {
                BigEndian.PutInt64(data, HeaderLength + i * 8, _attempts[i]);
            }

            int sum = Fletcher16(data, RecordLength - 2);
            data[RecordLength - 2] = (byte)(sum >> 8);
            data[RecordLength - 1] = (byte)sum;
            return data;
        }

        /// <summary>Null data (never saved) gives a clean history; anything malformed gives a locked one.</summary>
        public static AttemptHistory Deserialise(byte[] data)
        {
            var history = new AttemptHistory();
            if (data == null)
            {
                return history;
            }

            if (data.Length != RecordLength || (data[0] != Version && data[0] != LittleEndianVersion) || data[3] > Capacity
                || Fletcher16(data, RecordLength - 2) != ((data[RecordLength - 2] << 8) | data[RecordLength - 1]))
            {
                history.Lock(RefusalReason.LockedOut);
                history.WasCorrupt = true;
                return history;
            }

            history.LockedOut = (data[1] & 1) != 0;
            history.LastOffWasTrip = (data[1] & 2) != 0;
            history.LockoutReason = (RefusalReason)data[2];
            history.StoredAttempts = data[3];
            for (int i = 0; i < Capacity; i++)
            {
                int at = HeaderLength + i * 8;
                history._attempts[i] = data[0] == Version ? BigEndian.GetInt64(data, at) : LittleEndian.GetInt64(data, at);
            }

            return history;
        }

        /// <summary>Fletcher-16: two 8-bit running sums modulo 255 (J. G. Fletcher, IEEE Trans. Commun. COM-30, 1982).</summary>
        private static int Fletcher16(byte[] data, int count)
        {
            int sum1 = 0;
            int sum2 = 0;
            for (int i = 0; i < count; i++)
            {
                sum1 = (sum1 + data[i]) % 255;
                sum2 = (sum2 + sum1) % 255;
            }

            return (sum2 << 8) | sum1;
        }
    }
}
