using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Tests.Fakes;

namespace OpenAmi.Gateway.Tests.Scheduling;

/// <summary>
/// Expected run orders and times are worked out by hand from the scheduler's documented rule:
/// most urgent due task first by (promoted, lane, due time, registration order); fixed-rate periods keep phase.
/// </summary>
public class SchedulerTests
{
    private readonly FakeClock _clock = new();
    private readonly List<string> _trace = new();

    private Scheduler NewScheduler(SchedulerOptions? options = null) => new(_clock, options ?? SchedulerOptions.Default);

    private WorkStep Record(string name, long costMs = 0) => now =>
    {
        _trace.Add($"{name}@{now}");
        _clock.Advance(costMs);
    };

    private void RunUntil(Scheduler s, long endMs) => s.RunUntil(_clock, endMs);

    [Fact]
    public void Lanes_run_in_priority_order_whatever_the_registration_order()
    {
        var s = NewScheduler();
        s.AddPeriodic("keep", Lane.Housekeeping, 0, 1000, Record("keep"));
        s.AddPeriodic("poll", Lane.Polling, 0, 1000, Record("poll"));
        s.Post("cmd", Lane.Command, Record("cmd"));

        RunUntil(s, 0);

        Assert.Equal(new[] { "cmd@0", "poll@0", "keep@0" }, _trace);
        Assert.Equal(2, s.Count); // the one-shot command is gone
    }

    [Fact]
    public void Within_a_lane_earlier_due_runs_first_and_equal_due_runs_in_registration_order()
    {
        var s = NewScheduler();
        s.AddPeriodic("b", Lane.Polling, 500, 10000, Record("b"));
        s.AddPeriodic("c", Lane.Polling, 500, 10000, Record("c"));
        s.AddPeriodic("a", Lane.Polling, 200, 10000, Record("a"));

        RunUntil(s, 600);

        Assert.Equal(new[] { "a@200", "b@500", "c@500" }, _trace);
    }

    [Fact]
    public void Nothing_runs_before_it_is_due()
    {
        var s = NewScheduler();
        s.AddPeriodic("p", Lane.Polling, 1000, 1000, Record("p"));

        Assert.False(s.RunNext());
        Assert.Equal(1000, s.NextDueMs);
        Assert.Empty(_trace);
    }

    [Fact]
    public void A_quarter_hour_poll_and_a_minute_of_housekeeping_over_one_hour()
    {
        // 15-minute reads at 0, 900, 1800, 2700, 3600 s (5 runs in [0, 3600]); housekeeping every 60 s:
        // 61 runs in [0, 3600]. When both are due together, polling goes first.
        var s = NewScheduler();
        var poll = s.AddPeriodic("poll", Lane.Polling, 0, 900_000, Record("poll"));
        var keep = s.AddPeriodic("keep", Lane.Housekeeping, 0, 60_000, Record("keep"));

        RunUntil(s, 3_600_000);

        Assert.Equal(5, poll.Runs);
        Assert.Equal(61, keep.Runs);
        Assert.Equal(new[] { "poll@0", "keep@0", "keep@60000" }, _trace.Take(3));
        Assert.Equal("poll@3600000", _trace[^2]);
        Assert.Equal("keep@3600000", _trace[^1]);
        Assert.Equal(0, poll.Skipped);
    }

    [Fact]
    public void A_periodic_task_that_overruns_keeps_its_phase_and_counts_skipped_runs()
    {
        // Period 1000 from 0; the first run takes 2500 ms, so runs due at 1000 and 2000 are skipped and the
        // next run is at 3000 (phase kept), not at 2500 (drift) nor twice in a row (bunching).
        var s = NewScheduler();
        int calls = 0;
        var task = s.AddPeriodic("slow", Lane.Polling, 0, 1000, now =>
        {
            _trace.Add($"slow@{now}");
            if (calls++ == 0)
            {
                _clock.Advance(2500);
            }
        });

        RunUntil(s, 4000);

        Assert.Equal(new[] { "slow@0", "slow@3000", "slow@4000" }, _trace);
        Assert.Equal(2, task.Skipped);
        Assert.Equal(2500, task.BusyMs);
    }

    [Fact]
    public void A_self_scheduling_step_chooses_its_next_run_and_finishes_with_Done()
    {
        var s = NewScheduler();
        var due = new Queue<long>(new long[] { 150, 400, ScheduledTask.Done });
        var task = s.Add("poller", Lane.Polling, 100, now =>
        {
            _trace.Add($"poller@{now}");
            return due.Dequeue();
        });

        RunUntil(s, 10_000);

        Assert.Equal(new[] { "poller@100", "poller@150", "poller@400" }, _trace);
        Assert.True(task.IsFinished);
        Assert.Equal(0, s.Count);
        Assert.Equal(long.MaxValue, s.NextDueMs);
    }

    [Fact]
    public void A_command_flood_cannot_starve_polling_or_housekeeping_beyond_their_promotion_bounds()
    {
        // Commands arrive back to back (each step takes 1 s and the command task is immediately due again).
        // Housekeeping due at 0 is promoted after 10 s of waiting, polling due at 0 after 30 s.
        var s = NewScheduler(new SchedulerOptions(30_000, 10_000, 5_000));
        s.Add("flood", Lane.Command, 0, now => { _clock.Advance(1000); return _clock.NowMs; });
        s.AddPeriodic("poll", Lane.Polling, 0, 3_600_000, Record("poll"));
        s.AddPeriodic("keep", Lane.Housekeeping, 0, 3_600_000, Record("keep"));

        RunUntil(s, 40_000);

        Assert.Equal(new[] { "keep@10000", "poll@30000" }, _trace);
    }

    [Fact]
    public void A_throwing_step_is_reported_and_the_loop_keeps_every_task_on_schedule()
    {
        var s = NewScheduler(new SchedulerOptions(30_000, 10_000, 5_000));
        var faults = new List<string>();
        s.Fault += (task, error) => faults.Add($"{task.Name}:{error.Message}@{_clock.NowMs}");
        int periodicCalls = 0;
        var periodic = s.AddPeriodic("periodic", Lane.Housekeeping, 0, 1000, now =>
        {
            _trace.Add($"periodic@{now}");
            if (periodicCalls++ == 0)
            {
                throw new InvalidOperationException("disk full");
            }
        });
        int stepCalls = 0;
        s.Add("stepped", Lane.Polling, 0, now =>
        {
            _trace.Add($"stepped@{now}");
            if (stepCalls++ == 0)
            {
                throw new TimeoutException("meter silent");
            }

            return ScheduledTask.Done;
        });
        var oneShot = s.Post("oneshot", Lane.Command, now => throw new FormatException("bad token"));

        RunUntil(s, 5000);

        Assert.Equal(new[] { "oneshot:bad token@0", "stepped:meter silent@0", "periodic:disk full@0" }, faults);
        // the periodic task keeps its period; the stepped task retries after FaultRetryMs (5 s); the one-shot is gone
        Assert.Equal(new[] { "stepped@0", "periodic@0", "periodic@1000", "periodic@2000", "periodic@3000", "periodic@4000", "stepped@5000", "periodic@5000" }, _trace);
        Assert.True(oneShot.IsFinished);
        Assert.Equal(1, periodic.Faults);
    }

    [Fact]
    public void A_task_removed_while_it_runs_does_not_come_back()
    {
        var s = NewScheduler();
        ScheduledTask? self = null;
        self = s.AddPeriodic("selfremove", Lane.Polling, 0, 1000, now =>
        {
            _trace.Add($"x@{now}");
            s.Remove(self!);
        });

        RunUntil(s, 5000);

        Assert.Equal(new[] { "x@0" }, _trace);
        Assert.Equal(0, s.Count);
    }

    [Fact]
    public void Latency_and_lane_busy_time_are_accounted()
    {
        var s = NewScheduler();
        s.AddPeriodic("busy", Lane.Command, 0, 10_000, Record("busy", 700));
        var late = s.AddPeriodic("late", Lane.Polling, 0, 10_000, Record("late", 300));

        RunUntil(s, 5000);

        Assert.Equal(700, late.MaxLatencyMs); // started after the 700 ms command step
        Assert.Equal(700, s.LaneBusyMs(Lane.Command));
        Assert.Equal(300, s.LaneBusyMs(Lane.Polling));
        Assert.Equal(1, s.LaneRuns(Lane.Polling));
    }

    [Fact]
    public void Reschedule_pulls_a_task_forward_for_an_on_demand_read()
    {
        var s = NewScheduler();
        var poll = s.AddPeriodic("poll", Lane.Polling, 900_000, 900_000, Record("poll"));
        _clock.Advance(1000);
        s.Reschedule(poll, _clock.NowMs);

        RunUntil(s, 1_000_000);

        // on demand at 1000, then the fixed rate continues from there
        Assert.Equal(new[] { "poll@1000", "poll@901000" }, _trace);
    }

    [Fact]
    public void Adding_work_raises_WorkAdded_so_a_sleeping_loop_can_wake()
    {
        var s = NewScheduler();
        int raised = 0;
        s.WorkAdded += () => raised++;

        s.Post("cmd", Lane.Command, _ => { });
        s.AddPeriodic("p", Lane.Polling, 0, 10, _ => { });

        Assert.Equal(2, raised);
    }

    [Fact]
    public void Posting_from_another_thread_wakes_a_real_loop_waiting_for_a_far_due_time()
    {
        var clock = new OpenAmi.Gateway.Scheduling.TickCountClock();
        var waiter = new OpenAmi.Gateway.Scheduling.EventWaiter(clock);
        var s = new Scheduler(clock, SchedulerOptions.Default);
        s.AddPeriodic("far", Lane.Housekeeping, clock.NowMs + 3_600_000, 3_600_000, _ => { });
        var loop = new SchedulerLoop(s, clock, waiter, null, 3_000_000);
        using var ran = new ManualResetEventSlim(false);
        var thread = new Thread(loop.Run);
        thread.Start();

        s.Post("cmd", Lane.Command, _ => ran.Set());

        // Without the wake the loop would sleep for 50 minutes; a generous bound keeps this free of timing flakiness.
        Assert.True(ran.Wait(TimeSpan.FromSeconds(20)));
        loop.Stop();
        Assert.True(thread.Join(TimeSpan.FromSeconds(20)));
    }
}
