using System.Collections;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Platform;

namespace OpenAmi.Metering.Polling
{
    /// <summary>
    /// Polls every meter on one bus, one transaction at a time. The earliest-due item goes next, so no meter
    /// starves; on-demand reads jump the queue (they cannot interrupt a transaction already on the wire). A
    /// meter that stays silent is backed off exponentially: while it waits its due items are published as
    /// comms_lost without touching the bus, so it costs at most one timeout per backoff period. A meter that
    /// takes lists gets its due items in one request.
    /// </summary>
    public sealed class PollScheduler
    {
        private readonly ItemReader _items;
        private readonly ClockSynchroniser _clockSync;
        private readonly IMonotonicClock _mono;
        private readonly PollPlan _plan;
        private readonly IMeteringSink _sink;
        private readonly ArrayList _meters = new ArrayList();
        /// <summary>Made by the first read-now request: most pollers never get one, and each is made at composition.</summary>
        private Queue _onDemand;
        private readonly object _onDemandLock = new object();
        private readonly int _clockIndex = VmrsCatalogue.IndexOf(VmrsCatalogue.Find(VmrsCatalogue.Clock));
        // Made at the first list request: a bus whose meters never negotiate lists (Modbus) carries none.
        private int[] _batchIndices;
        private Reading[] _batchReadings;
        private SweepReport _current;

        /// <param name="clockSync">Checks each clock reading; null to publish clocks without synchronising.</param>
        public PollScheduler(ItemReader items, ClockSynchroniser clockSync, IMonotonicClock mono, PollPlan plan, IMeteringSink sink)
        {
            _items = items;
            _clockSync = clockSync;
            _mono = mono;
            _plan = plan;
            _sink = sink;
        }

        /// <summary>
        /// Reads a meter's due items in one list request when its reader can (DLMS GET-with-list, once the meter
        /// negotiated multiple-references); single reads otherwise. On by default.
        /// </summary>
        public bool BatchReads { get; set; } = true;

        /// <summary>The last completed sweep (null before the first one ends).</summary>
        public SweepReport LastSweep { get; private set; }

        public int MeterCount => _meters.Count;

        public MeterRecord Meter(int index) => (MeterRecord)_meters[index];

        /// <summary>Adds a registered meter; all its mapped items are due at once.</summary>
        public void Add(MeterRecord meter)
        {
            meter.ScheduledFromMs = _mono.NowMs;
            Schedule(meter, true);
            _meters.Add(meter);
        }

        /// <summary>
        /// A polled meter's register layout became known (registration chose a profile variant): it is read with
        /// <paramref name="layout"/> from now on. Items it maps anew are due at once, on the phase the meter was first
        /// scheduled with, so its billing reads keep lining up with the other meters' (and the balance windows).
        /// </summary>
        public void AdoptLayout(MeterRecord meter, VendorProfile layout)
        {
            meter.UseLayout(layout);
            Schedule(meter, false);
        }

        /// <summary>Gives the meter's items their interval and first due time: all of them, or those not yet scheduled.</summary>
        private void Schedule(MeterRecord meter, bool all)
        {
            for (int i = 0; i < meter.Items.Length; i++)
            {
                var state = meter.Items[i];
                if (state != null && (all || state.IntervalMs == 0))
                {
                    state.IntervalMs = _plan.IntervalFor(VmrsCatalogue.Items[i]);
                    state.NextDueMs = meter.ScheduledFromMs;
                }
            }
        }

        /// <summary>Stops polling a meter (replaced in the inventory); false when it was not scheduled.</summary>
        public bool Remove(MeterRecord meter)
        {
            if (!_meters.Contains(meter))
            {
                return false;
            }

            _meters.Remove(meter);
            return true;
        }

        /// <summary>Queues a read ahead of all scheduled work (safe to call from another thread).</summary>
        public bool RequestNow(MeterRecord meter, VmrsItem item)
        {
            int index = VmrsCatalogue.IndexOf(item);
            if (index < 0 || meter.Items[index] == null)
            {
                return false;
            }

            lock (_onDemandLock)
            {
                _onDemand = _onDemand ?? new Queue();
                _onDemand.Enqueue(new OnDemandRead(meter, index));
            }

            return true;
        }

        /// <summary>Does the most urgent piece of work; false when nothing is due (which ends a sweep).</summary>
        public bool Step()
        {
            long now = _mono.NowMs;
            OnDemandRead onDemand = null;
            lock (_onDemandLock)
            {
                if (_onDemand != null && _onDemand.Count > 0)
                {
                    onDemand = (OnDemandRead)_onDemand.Dequeue();
                }
            }

            if (onDemand != null)
            {
                BeginSweepIfIdle(now);
                Execute(onDemand.Meter, onDemand.Index);
                return true;
            }

            MeterRecord meter;
            int index = EarliestDue(now, out meter);
            if (index < 0)
            {
                EndSweep(now);
                return false;
            }

            BeginSweepIfIdle(now);
            Advance(meter.Items[index], now);
            if (meter.BackoffUntilMs > now)
            {
                Publish(_items.Unavailable(meter, index, ReadStatus.NoResponse));
                return true;
            }

            var batch = BatchReads ? meter.Reader as IBatchMeterReader : null;
            if (batch != null && batch.SupportsLists(meter.Address))
            {
                int count = CollectDue(meter, index, now);
                if (count > 1)
                {
                    ExecuteBatch(meter, batch, count);
                    return true;
                }
            }

            Execute(meter, index);
            return true;
        }

        /// <summary>Runs until nothing is due and reports the sweep.</summary>
        public SweepReport RunSweep()
        {
            while (Step())
            {
            }

            return LastSweep;
        }

        /// <summary>When the next item falls due (long.MaxValue with no meters).</summary>
        public long NextDueMs()
        {
            lock (_onDemandLock)
            {
                if (_onDemand != null && _onDemand.Count > 0)
                {
                    return _mono.NowMs;
                }
            }

            long next = long.MaxValue;
            for (int m = 0; m < _meters.Count; m++)
            {
                var items = ((MeterRecord)_meters[m]).Items;
                for (int i = 0; i < items.Length; i++)
                {
                    if (items[i] != null && items[i].NextDueMs < next)
                    {
                        next = items[i].NextDueMs;
                    }
                }
            }

            return next;
        }

        private int EarliestDue(long now, out MeterRecord best)
        {
            best = null;
            int bestIndex = -1;
            long bestDue = now + 1;
            for (int m = 0; m < _meters.Count; m++)
            {
                var meter = (MeterRecord)_meters[m];
                var items = meter.Items;
                for (int i = 0; i < items.Length; i++)
                {
                    if (items[i] != null && items[i].NextDueMs < bestDue)
                    {
                        bestDue = items[i].NextDueMs;
                        best = meter;
                        bestIndex = i;
                    }
                }
            }

            return bestIndex;
        }

        private void Execute(MeterRecord meter, int index)
        {
            _current.Transactions++;
            var reading = _items.Read(meter, index);
            TrackComms(meter, reading.Status);
            Publish(reading);
            CheckClock(meter, index, reading);
        }

        /// <summary>The meter's due items in one list request (per-item results, per-item quality).</summary>
        private void ExecuteBatch(MeterRecord meter, IBatchMeterReader batch, int count)
        {
            _current.Transactions++;
            var status = _items.ReadBatch(meter, batch, _batchIndices, count, _batchReadings);
            TrackComms(meter, status);
            for (int i = 0; i < count; i++)
            {
                Publish(_batchReadings[i]);
                CheckClock(meter, _batchIndices[i], _batchReadings[i]);
                _batchReadings[i] = null;
            }
        }

        private void CheckClock(MeterRecord meter, int index, Reading reading)
        {
            if (index == _clockIndex && _clockSync != null && reading.Status == ReadStatus.Ok && _items.LastClock != null)
            {
                _sink.OnEvent(_clockSync.Evaluate(meter, _items.LastClock, _items.LastMidpointMs));
            }
        }

        /// <summary>
        /// Puts <paramref name="first"/> and every other item of the meter due by <paramref name="now"/> into the
        /// batch (advancing their schedules); returns how many.
        /// </summary>
        private int CollectDue(MeterRecord meter, int first, long now)
        {
            if (_batchIndices == null)
            {
                _batchIndices = new int[VmrsCatalogue.Items.Length];
                _batchReadings = new Reading[VmrsCatalogue.Items.Length];
            }

            _batchIndices[0] = first;
            int count = 1;
            var items = meter.Items;
            for (int i = 0; i < items.Length; i++)
            {
                if (i != first && items[i] != null && items[i].NextDueMs <= now)
                {
                    Advance(items[i], now);
                    _batchIndices[count++] = i;
                }
            }

            return count;
        }

        private static void Advance(ItemState state, long now)
        {
            state.NextDueMs += state.IntervalMs;
            if (state.NextDueMs <= now)
            {
                state.NextDueMs = now + state.IntervalMs;
            }
        }

        private void TrackComms(MeterRecord meter, ReadStatus status)
        {
            long now = _mono.NowMs;
            if (ReadStatusNames.IsSilence(status))
            {
                meter.ConsecutiveSilences++;
                meter.BackoffUntilMs = now + _plan.BackoffFor(meter.ConsecutiveSilences);
                if (!meter.CommsLost)
                {
                    meter.CommsLost = true;
                    RaiseComms(meter, true, status, now);
                }

                return;
            }

            if (meter.CommsLost)
            {
                meter.CommsLost = false;
                RaiseComms(meter, false, status, now);
            }

            meter.ConsecutiveSilences = 0;
            meter.BackoffUntilMs = 0;
        }

        private void RaiseComms(MeterRecord meter, bool lost, ReadStatus status, long now)
        {
            var comms = new CommsEvent(lost);
            comms.MeterAddress = meter.Address;
            comms.MeterSerial = meter.Serial;
            comms.MonotonicMs = now;
            comms.LastStatus = status;
            comms.ConsecutiveFailures = meter.ConsecutiveSilences;
            _sink.OnEvent(comms);
        }

        private void Publish(Reading reading)
        {
            _current.Readings++;
            if (reading.Quality == ReadingQuality.Suspect)
            {
                _current.Suspect++;
            }
            else if (reading.Quality == ReadingQuality.CommsLost)
            {
                _current.CommsLost++;
            }

            _sink.OnReading(reading);
        }

        private void BeginSweepIfIdle(long now)
        {
            if (_current == null)
            {
                _current = new SweepReport();
                _current.StartMs = now;
            }
        }

        private void EndSweep(long now)
        {
            if (_current != null)
            {
                _current.DurationMs = now - _current.StartMs;
                LastSweep = _current;
                _current = null;
            }
        }

        private sealed class OnDemandRead
        {
            public OnDemandRead(MeterRecord meter, int index)
            {
                Meter = meter;
                Index = index;
            }

            public MeterRecord Meter { get; }

            public int Index { get; }
        }
    }
}
