using OpenAmi.Gateway.Scheduling;
using OpenAmi.Gateway.Tests.Fakes;
using OpenAmi.Gateway.Watchdog;

namespace OpenAmi.Gateway.Tests.Watchdog;

public class SoftwareWatchdogTests
{
    private readonly FakeClock _clock = new(10_000);
    private readonly RecordingReboot _reboot = new();

    [Fact]
    public void A_loop_that_keeps_checking_in_is_never_rebooted()
    {
        var dog = new SoftwareWatchdog(_clock, _reboot);
        var lease = dog.Register("app", 60_000);
        for (int i = 0; i < 1000; i++)
        {
            _clock.Advance(59_000);
            lease.CheckIn();
            Assert.False(dog.Check());
        }

        Assert.Empty(_reboot.Reasons);
    }

    [Fact]
    public void Silence_up_to_the_limit_is_tolerated_and_one_millisecond_more_reboots_once()
    {
        var dog = new SoftwareWatchdog(_clock, _reboot);
        dog.Register("app", 60_000);

        _clock.Advance(60_000);
        Assert.False(dog.Check());
        _clock.Advance(1);
        Assert.True(dog.Check());
        _clock.Advance(5_000);
        Assert.True(dog.Check());

        Assert.Equal(new[] { "watchdog: loop 'app' silent for 60001 ms (limit 60000 ms)" }, _reboot.Reasons);
        Assert.Equal(_reboot.Reasons[0], dog.RebootReason);
    }

    [Fact]
    public void Only_the_stalled_loop_is_named_and_a_released_loop_is_no_longer_supervised()
    {
        var dog = new SoftwareWatchdog(_clock, _reboot);
        var app = dog.Register("app", 60_000);
        var publisher = dog.Register("publisher", 30_000);
        var finished = dog.Register("ota", 1_000);
        finished.Release();

        _clock.Advance(25_000);
        app.CheckIn();
        _clock.Advance(25_000);
        app.CheckIn();
        Assert.True(dog.Check());

        Assert.Equal(new[] { "watchdog: loop 'publisher' silent for 50000 ms (limit 30000 ms)" }, _reboot.Reasons);
    }

    [Fact]
    public void The_supervising_thread_reboots_when_the_application_loop_stalls_in_a_step()
    {
        // The scheduler loop checks in every pass; one step then blocks for 70 s of (simulated) bus silence.
        // The watchdog thread, checking every second on its own waiter, must order exactly one reboot.
        var dog = new SoftwareWatchdog(_clock, _reboot);
        var lease = dog.Register("app", 60_000);
        var scheduler = new Scheduler(_clock, SchedulerOptions.Default);
        var loop = new SchedulerLoop(scheduler, _clock, _clock, lease, 10_000);
        scheduler.AddPeriodic("poll", Lane.Polling, _clock.NowMs, 1000, _ => { });
        for (int i = 0; i < 100; i++)
        {
            loop.RunOnce();
        }

        Assert.False(dog.Check());

        var stalled = new ManualResetEventSlim(false);
        scheduler.Post("hung read", Lane.Command, _ => { _clock.Advance(70_000); stalled.Set(); });
        loop.RunOnce();
        Assert.True(stalled.IsSet);

        var watcher = new WatchdogThread(dog, _clock, new FakeClock(), 1000);
        watcher.Start();
        Assert.True(_reboot.Called.Wait(TimeSpan.FromSeconds(20)));
        watcher.Stop();

        Assert.Single(_reboot.Reasons);
        Assert.StartsWith("watchdog: loop 'app' silent for 70000 ms", _reboot.Reasons[0]);
    }

    [Fact]
    public void The_idle_cap_must_leave_room_to_check_in_before_the_watchdog_fires()
    {
        var dog = new SoftwareWatchdog(_clock, _reboot);
        var lease = dog.Register("app", 60_000);
        var scheduler = new Scheduler(_clock, SchedulerOptions.Default);

        Assert.Throws<ArgumentOutOfRangeException>(() => new SchedulerLoop(scheduler, _clock, _clock, lease, 60_000));
    }

    [Fact]
    public void An_idle_loop_with_nothing_due_for_hours_still_checks_in()
    {
        var dog = new SoftwareWatchdog(_clock, _reboot);
        var lease = dog.Register("app", 60_000);
        var scheduler = new Scheduler(_clock, SchedulerOptions.Default);
        scheduler.AddPeriodic("daily", Lane.Housekeeping, _clock.NowMs + 86_400_000, 86_400_000, _ => { });
        var loop = new SchedulerLoop(scheduler, _clock, _clock, lease, 10_000);

        for (int i = 0; i < 1000; i++)
        {
            loop.RunOnce();
            Assert.False(dog.Check());
        }

        Assert.Equal(10_000 + 1000L * 10_000, _clock.NowMs); // each idle pass sleeps exactly the 10 s cap
    }
}
