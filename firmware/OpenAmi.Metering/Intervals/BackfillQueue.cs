using System;
using System.Collections;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// Which meters of one bus owe the head-end intervals, and one <see cref="ProfileBackfill"/> slice at a time for
    /// them. A meter becomes due after a gateway start (<see cref="RequestAll"/>), when its comms come back or when
    /// the outbox lost its telemetry (<see cref="Request"/>); it stays due while its profile holds unread intervals.
    /// Due meters take turns, one slice each, so a week owed by one meter does not hold back the others. A meter whose
    /// slice fails (silent, refusing, a corrupt row) stops being due: the next comms-restored makes it due again,
    /// rather than a dead meter holding the lane. Meters without a load profile (Modbus) are never added.
    /// </summary>
    public sealed class BackfillQueue
    {
        private readonly ProfileBackfill _backfill;
        private readonly ArrayList _meters = new ArrayList();
        private int _turn;

        public BackfillQueue(ProfileBackfill backfill)
        {
            _backfill = backfill ?? throw new ArgumentNullException(nameof(backfill));
        }

        /// <summary>Intervals handed on by every <see cref="Step"/> so far.</summary>
        public long Published { get; private set; }

        /// <summary>Slices that ended in the meter's refusal, silence or a corrupt row.</summary>
        public long Failures { get; private set; }

        /// <summary>Some meter is due: call <see cref="Step"/> again.</summary>
        public bool HasWork
        {
            get
            {
                for (int i = 0; i < _meters.Count; i++)
                {
                    if (((Due)_meters[i]).Pending)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Takes <paramref name="meterId"/> on when its profile has a load profile; false (and ignored) otherwise.</summary>
        public bool Add(string meterId, int address, VendorProfile profile)
        {
            if (meterId == null || profile == null || profile.FindProfile(CaptureProfileKind.Load) == null)
            {
                return false;
            }

            _meters.Add(new Due(meterId, address, profile));
            return true;
        }

        /// <summary>Every meter is due (the gateway started: whatever happened while it was off is in the meters).</summary>
        public void RequestAll()
        {
            for (int i = 0; i < _meters.Count; i++)
            {
                ((Due)_meters[i]).Pending = true;
            }
        }

        /// <summary>Makes one meter due; false when it is not one of this queue's.</summary>
        public bool Request(string meterId)
        {
            Due due = Find(meterId);
            if (due == null)
            {
                return false;
            }

            due.Pending = true;
            return true;
        }

        /// <summary>The meter still owes intervals (its live data should wait behind them).</summary>
        public bool IsDue(string meterId)
        {
            Due due = Find(meterId);
            return due != null && due.Pending;
        }

        /// <summary>One slice for the next due meter in turn; <see cref="ReadStatus.Ok"/> with nothing to do when none is due.</summary>
        public ReadStatus Step(DateTime nowUtc)
        {
            for (int n = 0; n < _meters.Count; n++)
            {
                var due = (Due)_meters[(_turn + n) % _meters.Count];
                if (!due.Pending)
                {
                    continue;
                }

                _turn = (_turn + n + 1) % _meters.Count;
                ReadStatus status = _backfill.Step(due.MeterId, due.Address, due.Profile, nowUtc);
                Published += _backfill.Published;
                due.Pending = status == ReadStatus.Ok && _backfill.Pending;
                Failures += status == ReadStatus.Ok ? 0 : 1;
                return status;
            }

            return ReadStatus.Ok;
        }

        private Due Find(string meterId)
        {
            for (int i = 0; i < _meters.Count; i++)
            {
                var due = (Due)_meters[i];
                if (due.MeterId == meterId)
                {
                    return due;
                }
            }

            return null;
        }

        private sealed class Due
        {
            public Due(string meterId, int address, VendorProfile profile)
            {
                MeterId = meterId;
                Address = address;
                Profile = profile;
            }

            public string MeterId { get; }

            public int Address { get; }

            public VendorProfile Profile { get; }

            public bool Pending { get; set; }
        }
    }
}
