using OpenAmi.Gateway.Scheduling;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// Discrete-event loop of a whole feeder run: the gateway's <see cref="Scheduler"/> and the scenario's timed
/// events share one <see cref="SimulatedClock"/>. Events due at or before the current time are applied first,
/// then one scheduler step runs; when nothing is due the clock jumps to the earlier of the next step and the
/// next event. Deterministic: the same scenario gives the same run, at any speed. The scheduler is asked for anew
/// at every step, since a gateway reboot brings a new one.
/// </summary>
public sealed class FeederRunner(SimulatedClock clock, Func<Scheduler> scheduler, Scenario scenario, Action<ScenarioEvent> apply)
{
    public FeederRunner(SimulatedClock clock, Scheduler scheduler, Scenario scenario, Action<ScenarioEvent> apply)
        : this(clock, () => scheduler, scenario, apply)
    {
    }

    public int EventsApplied { get; private set; }

    /// <summary>Ends the run at the next step (a live run interrupted).</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>Runs before each jump of the clock to the next due instant (a real broker's acks caught up with); null for none.</summary>
    public Action? BeforeTimeJump { get; init; }

    public void Run()
    {
        long end = scenario.DurationMs;
        int next = 0;
        while (true)
        {
            long now = clock.NowMs;
            while (next < scenario.Events.Count && scenario.Events[next].AtMs <= now)
            {
                apply(scenario.Events[next++]);
                EventsApplied++;
            }

            if (now > end || Stop.IsCancellationRequested)
            {
                return;
            }

            if (scheduler().RunNext())
            {
                continue;
            }

            long due = scheduler().NextDueMs;
            if (next < scenario.Events.Count && scenario.Events[next].AtMs < due)
            {
                due = scenario.Events[next].AtMs;
            }

            BeforeTimeJump?.Invoke();
            if (due > end)
            {
                clock.WaitUntil(end);
                return;
            }

            clock.WaitUntil(due);
        }
    }
}
