using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety.Events;
using OpenAmi.Safety.Policy;
using OpenAmi.Safety.Ports;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Emulator.Tests.Rcm;

/// <summary>
/// Safety's supervisor and re-energise policy end to end on the simulated four-line board. Expectations from issue 7:
/// onset → line dead ≤ 40 ms; a request while leakage persists is self-tested, probed with the fast path armed and
/// re-trips; 3 attempts in 24 h → lockout until the local reset, surviving reboots; welded SSR from the load-side sense.
/// </summary>
public class SupervisedLineTests
{
    private const double BudgetMs = 40;

    private static SupervisedBoard OnLine(int line)
    {
        var rig = new SupervisedBoard();
        Assert.True(rig.Supervisor.Request(line, ReenergiseSource.RemoteReconnect).ProbeStarted);
        rig.Run(1200);
        Assert.Equal(LineState.On, rig.Supervisor.StateOf(line));
        Assert.True(rig.Lines[line].Conducting);
        return rig;
    }

    [Theory]
    [InlineData(WaveformKind.Ac, 30)]
    [InlineData(WaveformKind.HalfWave, 30)]
    [InlineData(WaveformKind.Dc, 6)]
    public void ALeakingLineTripsAndEveryProbeReTripsUntilTheThirdAttemptLocksItOutAcrossAReboot(WaveformKind kind, double milliamps)
    {
        var rig = OnLine(2);
        var line = rig.Lines[2];
        long onset = rig.Time.Ticks;
        line.InjectLeakage(kind, milliamps);
        rig.Run(100);
        Assert.Equal(LineState.Tripped, rig.Supervisor.StateOf(2));
        Assert.True(SimulatedTime.TicksToMilliseconds(line.LastDeadTick - onset) <= BudgetMs);
        Assert.False(line.SsrOn);
        Assert.Single(rig.Events.Trips);

        var sources = new[] { ReenergiseSource.RemoteReconnect, ReenergiseSource.CreditTopUp, ReenergiseSource.AutomaticRetry };
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            int closes = line.OnCommands;
            long previousLive = line.LastLiveTick;
            var decision = rig.Supervisor.Request(2, sources[attempt - 1]);
            Assert.True(decision.ProbeStarted, $"attempt {attempt}: {ReenergiseDecision.Name(decision.Reason)}");
            Assert.Equal(closes + 1, line.OnCommands);
            rig.Run(200);
            Assert.False(line.Conducting);
            Assert.True(line.LastLiveTick > previousLive, "the probe never closed the SSR");
            double probeMs = SimulatedTime.TicksToMilliseconds(line.LastDeadTick - line.LastLiveTick);
            Assert.True(probeMs <= BudgetMs, $"attempt {attempt}: probe closure lived {probeMs:F1} ms on the leaking line");
            var trip = rig.Events.Trips[^1];
            Assert.True(trip.DuringProbe);
            Assert.Equal(2, trip.Line);
        }

        Assert.Equal(4, rig.Events.Trips.Count);
        Assert.Equal(LineState.LockedOut, rig.Supervisor.StateOf(2));
        var lockout = Assert.Single(rig.Events.Lockouts);
        Assert.Equal(RefusalReason.AttemptLimit, lockout.Reason);
        Assert.Equal(3, lockout.AttemptsInWindow);

        int closesBeforeReboot = line.OnCommands;
        rig.Reboot();
        Assert.Equal(LineState.LockedOut, rig.Supervisor.StateOf(2));
        Assert.Equal(RefusalReason.LockedOut, rig.Supervisor.Request(2, ReenergiseSource.RemoteReconnect).Reason);
        rig.Run(500);
        Assert.Equal(closesBeforeReboot, line.OnCommands);
        Assert.False(line.Conducting || line.VoltagePresent);
        Assert.Equal(LineState.Off, rig.Supervisor.StateOf(0)); // the other lines came back up normally
    }

    [Fact]
    public void AStalledSupervisorStillHasItsLineOpenedByTheLatchAndReportsItWhenItResumes()
    {
        var rig = OnLine(1);
        var line = rig.Lines[1];
        long onset = rig.Time.Ticks;
        line.InjectLeakage(WaveformKind.Ac, 30);
        rig.Time.Advance(300); // no Poll for 300 ms: a GC pause or a hung thread
        Assert.True(line.SsrOn);
        Assert.False(line.Conducting);
        Assert.True(SimulatedTime.TicksToMilliseconds(line.LastDeadTick - onset) <= BudgetMs);

        rig.Run(100);
        var trip = Assert.Single(rig.Events.Trips);
        Assert.Equal(TripChannel.HardwareLatch, trip.Channel);
        Assert.Equal(-1, trip.LatencyMs);
        Assert.False(line.SsrOn);
        Assert.Equal(LineState.Tripped, rig.Supervisor.StateOf(1));
    }

    [Fact]
    public void AfterTheLeakageIsRepairedTheProbeHoldsAndTheLineStaysOn()
    {
        var rig = OnLine(0);
        rig.Lines[0].InjectLeakage(WaveformKind.Ac, 60);
        rig.Run(100);
        rig.Lines[0].ClearLeakage();
        Assert.True(rig.Supervisor.Request(0, ReenergiseSource.Keypad).ProbeStarted);
        rig.Run(1500);
        Assert.Equal(LineState.On, rig.Supervisor.StateOf(0));
        Assert.True(rig.Lines[0].Conducting);
    }

    [Fact]
    public void AWeldedSsrOnALeakingLineIsReportedAndLockedOut()
    {
        var rig = OnLine(3);
        var line = rig.Lines[3];
        line.Faults.SsrWelded = true;
        line.InjectLeakage(WaveformKind.Dc, 30);
        rig.Run(500);
        Assert.Equal(LineState.LockedOut, rig.Supervisor.StateOf(3));
        Assert.Contains(rig.Events.Faults, f => f.Line == 3 && f.Kind == FaultKind.SsrWelded);
        Assert.Equal(RefusalReason.SsrWelded, Assert.Single(rig.Events.Lockouts).Reason);
        Assert.Equal(RefusalReason.LockedOut, rig.Supervisor.Request(3, ReenergiseSource.RemoteReconnect).Reason);
        // The SSR still conducts (an SSR is not isolation), but the latch dropped the line's relay: the tenant is dead.
        Assert.True(line.Conducting && line.Latch && !line.SsrOn);
        Assert.False(line.Live);
    }

    [Fact]
    public void AWeldedSsrIsNeverReEnergisedByAnyRequestOrAReboot()
    {
        // Issue 27, finding 1: once the relay has opened a line whose SSR is welded, only the relay isolates the tenant.
        // Every later path to a closure (each request source, the power-up self-test after a power cut) must leave it
        // open: the firmware sees the weld through LOAD_V (sensed before the relay) and refuses.
        var rig = OnLine(1);
        var line = rig.Lines[1];
        long energised = line.LastEnergisedTick;
        line.Faults.SsrWelded = true;
        line.InjectLeakage(WaveformKind.Ac, 30);
        rig.Run(500);
        long opened = line.LastRelayOpenTick;
        Assert.True(opened > energised, "the relay never opened");

        foreach (var source in new[] { ReenergiseSource.Keypad, ReenergiseSource.RemoteReconnect, ReenergiseSource.CreditTopUp, ReenergiseSource.AutomaticRetry })
        {
            Assert.False(rig.Supervisor.Request(1, source).ProbeStarted, $"{source} started a probe on a welded SSR");
            rig.Run(200);
        }

        rig.Reboot();
        rig.Run(2000);
        Assert.False(rig.Supervisor.Request(1, ReenergiseSource.RemoteReconnect).ProbeStarted);
        rig.Run(500);

        Assert.Equal(energised, line.LastEnergisedTick); // never live again after the relay opened
        Assert.False(line.RelayClosed);
        Assert.True(line.Conducting && line.VoltagePresent, "the weld persists and LOAD_V still shows it");
        Assert.Equal(LineState.LockedOut, rig.Supervisor.StateOf(1));
        Assert.Contains(rig.Events.Faults, f => f.Line == 1 && f.Kind == FaultKind.SsrWelded);
    }

    [Fact]
    public void ASsrThatWeldedWhileUnpoweredIsFoundAtPowerUpBeforeTheRelayEverCloses()
    {
        // The weld happened with the board off (e.g. a surge): LOAD_V shows voltage with SSR_ON low, so the power-up self-test
        // reports it and locks the line out before any latch reset could close the relay.
        var rig = new SupervisedBoard();
        rig.Lines[2].Faults.SsrWelded = true;
        rig.Reboot();
        rig.Run(1000);
        Assert.Equal(RefusalReason.LockedOut, rig.Supervisor.Request(2, ReenergiseSource.Keypad).Reason);
        rig.Run(500);

        Assert.Equal(-1, rig.Lines[2].LastEnergisedTick);
        Assert.Equal(LineState.LockedOut, rig.Supervisor.StateOf(2));
        Assert.Contains(rig.Events.Faults, f => f.Line == 2 && f.Kind == FaultKind.SsrWelded);
        Assert.Equal(RefusalReason.SsrWelded, Assert.Single(rig.Events.Lockouts).Reason);
    }

    [Fact]
    public void ADeadTripPathIsFoundByThePowerUpSelfTestAndTheLineStaysOff()
    {
        var rig = new SupervisedBoard();
        rig.Lines[1].Faults.TripPathDead = true;
        rig.Reboot();
        Assert.Equal(LineState.Faulted, rig.Supervisor.StateOf(1));
        Assert.Contains(rig.Events.Faults, f => f.Line == 1 && f.Kind == FaultKind.SelfTestNoTrip);
        Assert.Equal(RefusalReason.SelfTestFailed, rig.Supervisor.Request(1, ReenergiseSource.CreditTopUp).Reason);
        Assert.Equal(0, rig.Lines[1].OnCommands);
        Assert.False(rig.Lines[1].Conducting);
    }
}
