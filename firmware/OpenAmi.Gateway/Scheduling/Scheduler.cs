using System;
using System.Collections;
using OpenAmi.Gateway.Ports;
using OpenAmi.Platform;

namespace OpenAmi.Gateway.Scheduling
{
    /// <summary>
    /// Shares the one application loop between commands, meter polling and housekeeping. Cooperative and
    /// deterministic: <see cref="RunNext"/> runs exactly one step of the most urgent due task, chosen by
    /// (promoted first, lane, due time, registration order), so the same clock gives the same run order on
    /// the device, in tests and in the emulator's simulated time. Tasks may be added from any thread (an
    /// MQTT callback posting a command); steps run only on the thread calling <see cref="RunNext"/>.
    /// </summary>
    public sealed class Scheduler
    {
        private readonly IMonotonicClock _clock;
        private readonly SchedulerOptions _options;
        private readonly ArrayList _tasks = new ArrayList();
        private readonly object _sync = new object();
        private readonly long[] _laneBusyMs = new long[3];
        private readonly long[] _laneRuns = new long[3];
        private long _nextOrder;

        public Scheduler(IMonotonicClock clock, SchedulerOptions options)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _options = options ?? SchedulerOptions.Default;
        }

        /// <summary>Work was added; a loop sleeping until the previous next-due time should wake.</summary>
        public event WorkAddedHandler WorkAdded;

        /// <summary>A step threw. The task keeps its schedule (periodic) or retries later (self-scheduling).</summary>
        public event TaskFaultHandler Fault;

        /// <summary>A task that computes its own next run; first run at <paramref name="firstDueMs"/>.</summary>
        public ScheduledTask Add(string name, Lane lane, long firstDueMs, TaskStep step)
        {
            if (step == null)
            {
                throw new ArgumentNullException(nameof(step));
            }

            return Insert(name, lane, firstDueMs, 0, step, null);
        }

        /// <summary>
        /// A fixed-rate task: runs at firstDue, firstDue + period, … keeping its phase; runs missed while the loop
        /// was busy are skipped (counted), never bunched.
        /// </summary>
        public ScheduledTask AddPeriodic(string name, Lane lane, long firstDueMs, long periodMs, WorkStep work)
        {
            if (work == null)
            {
                throw new ArgumentNullException(nameof(work));
            }

            if (periodMs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(periodMs), "period must be positive");
            }

            return Insert(name, lane, firstDueMs, periodMs, null, work);
        }

        /// <summary>One-shot work due now (a command, a keypad token, an on-demand read).</summary>
        public ScheduledTask Post(string name, Lane lane, WorkStep work)
        {
            if (work == null)
            {
                throw new ArgumentNullException(nameof(work));
            }

            return Insert(name, lane, _clock.NowMs, 0, null, work);
        }

        /// <summary>Stops a task; if it is running now, it finishes its current step and does not run again.</summary>
        public void Remove(ScheduledTask task)
        {
            lock (_sync)
            {
                task.IsFinished = true;
                _tasks.Remove(task);
            }
        }

        /// <summary>Moves a task's next run earlier or later (an on-demand read, a changed interval).</summary>
        public void Reschedule(ScheduledTask task, long dueMs)
        {
            lock (_sync)
            {
                if (!task.IsFinished)
                {
                    task.DueMs = dueMs;
                }
            }

            WorkAdded?.Invoke();
        }

        /// <summary>The earliest due time of any task, or long.MaxValue when there is none.</summary>
        public long NextDueMs
        {
            get
            {
                lock (_sync)
                {
                    long next = long.MaxValue;
                    for (int i = 0; i < _tasks.Count; i++)
                    {
                        long due = ((ScheduledTask)_tasks[i]).DueMs;
                        if (due < next)
                        {
                            next = due;
                        }
                    }

                    return next;
                }
            }
        }

        public int Count
        {
            get
            {
                lock (_sync)
                {
                    return _tasks.Count;
                }
            }
        }

        /// <summary>A copy of the live tasks, in registration order, for status reports.</summary>
        public ScheduledTask[] Tasks()
        {
            lock (_sync)
            {
                var copy = new ScheduledTask[_tasks.Count];
                _tasks.CopyTo(copy);
                return copy;
            }
        }

        public long LaneBusyMs(Lane lane) => _laneBusyMs[(int)lane];

        public long LaneRuns(Lane lane) => _laneRuns[(int)lane];

        /// <summary>Runs one step of the most urgent due task. Returns false when nothing is due.</summary>
        public bool RunNext()
        {
            long start = _clock.NowMs;
            ScheduledTask task;
            lock (_sync)
            {
                task = MostUrgentDue(start);
            }

            if (task == null)
            {
                return false;
            }

            long latency = start - task.DueMs;
            if (latency > task.MaxLatencyMs)
            {
                task.MaxLatencyMs = latency;
            }

            long next = Execute(task, start);
            long end = _clock.NowMs;
            long busy = end - start;
            task.Runs++;
            task.BusyMs += busy;
            _laneBusyMs[(int)task.Lane] += busy;
            _laneRuns[(int)task.Lane]++;

            lock (_sync)
            {
                if (task.IsFinished)
                {
                    return true;
                }

                if (next == ScheduledTask.Done)
                {
                    task.IsFinished = true;
                    _tasks.Remove(task);
                }
                else
                {
                    task.DueMs = next;
                }
            }

            return true;
        }

        private ScheduledTask Insert(string name, Lane lane, long dueMs, long periodMs, TaskStep step, WorkStep work)
        {
            ScheduledTask task;
            lock (_sync)
            {
                task = new ScheduledTask(name, lane, dueMs, periodMs, step, work, _nextOrder++);
                _tasks.Add(task);
            }

            WorkAdded?.Invoke();
            return task;
        }

        /// <summary>Runs the step and returns the task's next due time (or Done).</summary>
        private long Execute(ScheduledTask task, long start)
        {
            try
            {
                if (task.Step != null)
                {
                    return task.Step(start);
                }

                task.Work(start);
            }
            catch (Exception error)
            {
                task.Faults++;
                Fault?.Invoke(task, error);
                if (task.Step != null)
                {
                    return _clock.NowMs + _options.FaultRetryMs;
                }
            }

            return task.PeriodMs > 0 ? NextPeriod(task, _clock.NowMs) : ScheduledTask.Done;
        }

        private static long NextPeriod(ScheduledTask task, long end)
        {
            long next = task.DueMs + task.PeriodMs;
            if (next > end)
            {
                return next;
            }

            long missed = (end - task.DueMs) / task.PeriodMs;
            task.Skipped += missed;
            return task.DueMs + (missed + 1) * task.PeriodMs;
        }

        private ScheduledTask MostUrgentDue(long now)
        {
            ScheduledTask best = null;
            int bestRank = 0;
            for (int i = 0; i < _tasks.Count; i++)
            {
                var candidate = (ScheduledTask)_tasks[i];
                if (candidate.DueMs > now)
                {
                    continue;
                }

                int rank = Rank(candidate, now);
                if (best == null || rank < bestRank
                    || (rank == bestRank && (candidate.DueMs < best.DueMs
                        || (candidate.DueMs == best.DueMs && candidate.Order < best.Order))))
                {
                    best = candidate;
                    bestRank = rank;
                }
            }

            return best;
        }

        /// <summary>-1 for a promoted (starving) task, otherwise the lane's priority.</summary>
        private int Rank(ScheduledTask task, long now)
        {
            long waited = now - task.DueMs;
            switch (task.Lane)
            {
                case Lane.Polling:
                    return waited >= _options.PollingPromoteAfterMs ? -1 : (int)Lane.Polling;
                case Lane.Housekeeping:
                    return waited >= _options.HousekeepingPromoteAfterMs ? -1 : (int)Lane.Housekeeping;
                default:
                    return (int)Lane.Command;
            }
        }
    }
}
