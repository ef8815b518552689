using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety.Board;
using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Events;
using OpenAmi.Safety.Policy;
using OpenAmi.Safety.Ports;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Safety.Tests.Supervision;

/// <summary>The supervisor and re-energise policy on the emulator's simulated pole board (tools/OpenAmi.Emulator/Rcm).</summary>
public class SupervisionTests
{
    private static SupervisedBoard NewBoard(SafetySettings? settings = null) => new(settings, lineCount: 2);

    [Fact]
    public void PowerUpSelfTestPassesAndLeavesEveryLineOpenAndDisarmed()
    {
        var board = NewBoard();
        Assert.All(board.Lines, l => Assert.False(l.SsrOn || l.Armed || l.Latch || l.TestOn));
        Assert.Equal(LineState.Off, board.Supervisor.StateOf(0));
        Assert.Empty(board.Events.Faults);
    }

    [Fact]
    public void AcceptedRequestProbesWithTheFastPathArmedThenHolds()
    {
        var board = NewBoard();
        var decision = board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        Assert.True(decision.ProbeStarted);
        Assert.Equal(LineState.Probing, board.Supervisor.StateOf(0));
        Assert.True(board.Lines[0].SsrOn && board.Lines[0].Armed && board.Lines[0].SsrEnabled);
        board.Run(board.Settings.ProbeMs + 100);
        Assert.Equal(LineState.On, board.Supervisor.StateOf(0));
        Assert.Equal(RefusalReason.AlreadyOn, board.Supervisor.Request(0, ReenergiseSource.Keypad).Reason);
    }

    [Fact]
    public void LeakageOpensTheLineAndReportsATrip()
    {
        var board = NewBoard();
        board.Supervisor.Request(1, ReenergiseSource.CreditTopUp);
        board.Run(1200);
        board.Lines[1].InjectLeakage(WaveformKind.Dc, 30);
        board.Run(100);
        Assert.Equal(LineState.Tripped, board.Supervisor.StateOf(1));
        Assert.False(board.Lines[1].SsrOn);
        var trip = Assert.Single(board.Events.Trips);
        Assert.Equal(1, trip.Line);
        Assert.False(trip.DuringProbe);
        Assert.Equal(LineState.Off, board.Supervisor.StateOf(0)); // the other line is untouched
    }

    [Fact]
    public void FirmwareChannelTripsEvenWhenTheHardwareLatchNeverSets()
    {
        // Second channel: a hardware path that has silently failed (latch never sets) must still be backed by firmware.
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].Faults.TripPathDead = true;
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 12);
        board.Run(200);
        var trip = Assert.Single(board.Events.Trips);
        Assert.Equal(TripChannel.FirmwareDsp, trip.Channel);
        Assert.Equal(TripCause.Dc, trip.Cause);
        Assert.Equal(12, trip.MagnitudeMa, 0.2);
        Assert.False(board.Lines[0].SsrOn);
    }

    [Fact]
    public void ThreeRetripsInADayLockTheLineOutAcrossARebootUntilLocalReset()
    {
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 30); // a persistent fault
        board.Run(100);
        Assert.Equal(LineState.Tripped, board.Supervisor.StateOf(0));

        for (int attempt = 1; attempt <= 3; attempt++)
        {
            var decision = board.Supervisor.Request(0, attempt == 2 ? ReenergiseSource.Keypad : ReenergiseSource.AutomaticRetry);
            Assert.True(decision.ProbeStarted, $"attempt {attempt}: {decision.Reason}");
            board.Run(200);
            Assert.True(board.Events.Trips[^1].DuringProbe);
        }

        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(0));
        var lockout = Assert.Single(board.Events.Lockouts);
        Assert.Equal(RefusalReason.AttemptLimit, lockout.Reason);
        Assert.Equal(3, lockout.AttemptsInWindow);

        board.Lines[0].ClearLeakage(); // even with the fault gone, nothing remote can close it
        board.Reboot();
        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(0));
        foreach (ReenergiseSource source in Enum.GetValues<ReenergiseSource>())
        {
            Assert.Equal(RefusalReason.LockedOut, board.Supervisor.Request(0, source).Reason);
        }

        Assert.False(board.Lines[0].SsrOn);
        board.Board.ResetButtonPressed = true;
        board.Run(1000);
        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(0)); // held too briefly
        board.Run(2500);
        board.Board.ResetButtonPressed = false;
        Assert.Equal(LineState.Off, board.Supervisor.StateOf(0));
        Assert.True(board.Supervisor.Request(0, ReenergiseSource.Keypad).ProbeStarted);
    }

    [Fact]
    public void TheAttemptBudgetIsCheckedBeforeClosingAndSurvivesARebootMidway()
    {
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 30);
        board.Run(100);
        board.Supervisor.Request(0, ReenergiseSource.AutomaticRetry);
        board.Run(200);
        board.Supervisor.Request(0, ReenergiseSource.AutomaticRetry);
        board.Reboot(); // power cut during the second probe: both attempts are already on flash
        Assert.Equal(LineState.Tripped, board.Supervisor.StateOf(0));
        Assert.True(board.Supervisor.Request(0, ReenergiseSource.AutomaticRetry).ProbeStarted);
        board.Run(200);
        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(0));
    }

    [Fact]
    public void AttemptsOlderThanTheWindowNoLongerCountWhenTheClockIsKnown()
    {
        var board = NewBoard(new SafetySettings { AttemptWindowSeconds = 3600 });
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        for (int i = 0; i < 2; i++)
        {
            board.Lines[0].InjectLeakage(WaveformKind.Dc, 30);
            board.Run(100);
            board.Lines[0].ClearLeakage();
            Assert.True(board.Supervisor.Request(0, ReenergiseSource.AutomaticRetry).ProbeStarted);
            board.Run(1200);
        }

        board.Time.Advance(3_601_000);
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 30);
        board.Run(100);
        board.Lines[0].ClearLeakage();
        Assert.True(board.Supervisor.Request(0, ReenergiseSource.AutomaticRetry).ProbeStarted);
    }

    [Fact]
    public void WithAnUnknownClockEveryAttemptCounts()
    {
        var board = NewBoard(new SafetySettings { AttemptWindowSeconds = 3600 });
        board.Time.IsSynchronized = false;
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        for (int i = 0; i < 3; i++)
        {
            board.Lines[0].InjectLeakage(WaveformKind.Dc, 30);
            board.Run(100);
            board.Lines[0].ClearLeakage();
            Assert.True(board.Supervisor.Request(0, ReenergiseSource.AutomaticRetry).ProbeStarted);
            board.Run(1200);
            board.Time.Advance(3_601_000);
        }

        board.Lines[0].InjectLeakage(WaveformKind.Dc, 30);
        board.Run(100);
        Assert.Equal(RefusalReason.AttemptLimit, board.Supervisor.Request(0, ReenergiseSource.AutomaticRetry).Reason);
        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(0));
    }

    [Fact]
    public void ABrokenTestWindingFailsTheSelfTestAndRefusesWithAReason()
    {
        var board = NewBoard();
        board.Lines[0].Faults.TestWindingOpen = true;
        var decision = board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        Assert.Equal(RefusalReason.SelfTestFailed, decision.Reason);
        Assert.True(decision.Refused);
        Assert.Equal(LineState.Faulted, board.Supervisor.StateOf(0));
        Assert.Equal(FaultKind.SelfTestNoTrip, Assert.Single(board.Events.Faults).Kind);
        Assert.Equal(0, board.Lines[0].OnCommands);

        board.Lines[0].Faults.TestWindingOpen = false; // repaired: the next request re-tests and may proceed
        Assert.True(board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect).ProbeStarted);
    }

    [Theory]
    // Self-test value outside ±20 % of the board's test current (1.3×, 0.75×) fails; 1.15× passes. Expressed as multiples
    // of PoleBoardRcm.TestCurrentMa (30 mA, the schematic's test input), so 39, 22.5 and 34.5 mA.
    [InlineData(1.30, true)]
    [InlineData(0.75, true)]
    [InlineData(1.15, false)]
    public void SelfTestValueMustBeWithinTwentyPercent(double multiple, bool fails)
    {
        var board = NewBoard();
        double testMa = multiple * PoleBoardRcm.TestCurrentMa;
        board.Lines[0].TestWindingMa = testMa;
        var decision = board.Supervisor.Request(0, ReenergiseSource.Keypad);
        Assert.Equal(fails ? RefusalReason.SelfTestFailed : RefusalReason.None, decision.Reason);
        if (fails)
        {
            var fault = Assert.Single(board.Events.Faults);
            Assert.Equal(FaultKind.SelfTestValue, fault.Kind);
            Assert.Equal(testMa, fault.Measured, 0.1);
        }
    }

    [Fact]
    public void AutoZeroRemovesAPlausibleOffsetAndRejectsAnImplausibleOne()
    {
        var board = NewBoard();
        board.Lines[0].Faults.SensorOffsetMa = 4; // within the 10 mA limit: auto-zero absorbs it, self-test still reads 10 mA
        Assert.True(board.Supervisor.Request(0, ReenergiseSource.Keypad).ProbeStarted);

        board.Lines[1].Faults.SensorOffsetMa = 14;
        Assert.Equal(RefusalReason.SelfTestFailed, board.Supervisor.Request(1, ReenergiseSource.Keypad).Reason);
        Assert.Equal(FaultKind.OffsetOutOfRange, Assert.Single(board.Events.Faults).Kind);
    }

    [Fact]
    public void SensorStuckAtARailOpensAnEnergisedLineAndKeepsItOff()
    {
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].Faults.SensorStuckAtRail = true;
        board.Run(40);
        Assert.Equal(LineState.Faulted, board.Supervisor.StateOf(0));
        Assert.False(board.Lines[0].SsrOn);
        Assert.Equal(FaultKind.SensorStuck, Assert.Single(board.Events.Faults).Kind);
        Assert.Equal(RefusalReason.SelfTestFailed, board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect).Reason);
    }

    [Fact]
    public void AFaultBeyondTheConvertersRangeIsAnOverRangeTripNeverASensorFault()
    {
        // 60 mA DC puts every sample above the ADC's usable top (+39.56 mA, PoleBoardRcm). With the comparators dead
        // the firmware channel is the only protection: it must trip on the high-set with "at least the rail" and count
        // the trip (attempt budget), not file it as a stuck sensor that a passed self-test would clear.
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].Faults.TripPathDead = true;
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 60);
        board.Run(100);
        Assert.Equal(LineState.Tripped, board.Supervisor.StateOf(0));
        Assert.Empty(board.Events.Faults);
        var trip = Assert.Single(board.Events.Trips);
        Assert.Equal(TripChannel.FirmwareDsp, trip.Channel);
        Assert.Equal(TripCause.HighSet, trip.Cause);
        Assert.Equal(39.56, trip.MagnitudeMa, 0.05);
        Assert.False(board.Lines[0].SsrOn);
    }

    [Fact]
    public void ASensorStuckAtARailOnALineThatIsAlreadyOffIsASensorFault()
    {
        var board = NewBoard();
        board.Lines[1].Faults.SensorStuckAtRail = true;
        board.Run(100);
        Assert.Equal(LineState.Faulted, board.Supervisor.StateOf(1));
        Assert.Equal(FaultKind.SensorStuck, Assert.Single(board.Events.Faults).Kind);
        Assert.Empty(board.Events.Trips);
    }

    [Fact]
    public void MissingSamplesAndModuleErrorAreFaults()
    {
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Supervisor.Request(1, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].Faults.DroppedSamplesPerCapture = 3;
        board.Lines[1].Faults.ModuleError = true;
        board.Run(40);
        Assert.Equal(LineState.Faulted, board.Supervisor.StateOf(0));
        Assert.Equal(LineState.Faulted, board.Supervisor.StateOf(1));
        Assert.Contains(board.Events.Faults, f => f.Line == 0 && f.Kind == FaultKind.MissingSamples);
        Assert.Contains(board.Events.Faults, f => f.Line == 1 && f.Kind == FaultKind.ModuleError);
        Assert.False(board.Lines[0].SsrOn || board.Lines[1].SsrOn);
    }

    [Fact]
    public void AWeldedSsrIsDetectedFromLoadVoltageAndLocksTheLineOut()
    {
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].Faults.SsrWelded = true;
        board.Supervisor.Deenergise(0);
        board.Run(board.Settings.WeldDebounceMs + 50);
        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(0));
        Assert.Equal(FaultKind.SsrWelded, Assert.Single(board.Events.Faults).Kind);
        Assert.Equal(RefusalReason.SsrWelded, Assert.Single(board.Events.Lockouts).Reason);
        Assert.Equal(RefusalReason.LockedOut, board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect).Reason);
    }

    [Fact]
    public void ARequestOntoAWeldedSsrIsRefused()
    {
        var board = NewBoard();
        board.Lines[1].Faults.SsrWelded = true;
        Assert.Equal(RefusalReason.SsrWelded, board.Supervisor.Request(1, ReenergiseSource.CreditTopUp).Reason);
        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(1));
    }

    [Fact]
    public void AnyTripDisagreeingWithTheLatchesFaultsEveryLine()
    {
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Board.AnyTripStuckLow = true;
        board.Lines[1].InjectTripGlitch(); // a latch set, ANY_TRIP silent
        board.Run(100);
        Assert.Equal(LineState.Faulted, board.Supervisor.StateOf(0));
        Assert.Equal(LineState.Faulted, board.Supervisor.StateOf(1));
        Assert.Contains(board.Events.Faults, f => f.Kind == FaultKind.AnyTripMismatch);
    }

    [Fact]
    public void ProbeInProgressIsRefusedAndDeenergiseAlwaysOpens()
    {
        var board = NewBoard();
        Assert.True(board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect).ProbeStarted);
        Assert.Equal(RefusalReason.ProbeInProgress, board.Supervisor.Request(0, ReenergiseSource.Keypad).Reason);
        board.Supervisor.Deenergise(0);
        Assert.False(board.Lines[0].SsrOn);
        Assert.Equal(LineState.Off, board.Supervisor.StateOf(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => board.Supervisor.Request(7, ReenergiseSource.Keypad));
    }

    [Fact]
    public void DailySelfTestInterruptsBrieflyThenReclosesThroughTheProbe()
    {
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        int closures = board.Lines[0].OnCommands;
        board.Time.Advance(board.Settings.DailySelfTestMs);
        board.Run(20);
        Assert.Equal(closures + 1, board.Lines[0].OnCommands);
        Assert.Equal(LineState.Probing, board.Supervisor.StateOf(0));
        board.Run(1200);
        Assert.Equal(LineState.On, board.Supervisor.StateOf(0));
    }

    [Theory]
    // Extra milliseconds before the daily test move the SSR-off instant across the mains cycle (50 Hz: 0–18 ms).
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(18)]
    public void DailyAutoZeroWaitsForADeadLineSoStandingLeakageIsNotTakenAsOffset(int phaseMs)
    {
        // A zero-cross SSR conducts until the next load-current zero after SSR-off (up to 10 ms at 50 Hz,
        // hardware/README.md "SSR"), and the load-side sense releases ≈ 76 ms after the line dies. A standing 3.5 mA DC
        // leakage (below the 4.49 mA comparator and the 4.5 mA pickup) still flows in that time; an offset measured
        // then absorbs part of it and the firmware channel under-reads every later fault by that much.
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 3.5);
        board.Run(100);
        board.Time.Advance(board.Settings.DailySelfTestMs + phaseMs);
        board.Run(1500);
        Assert.Equal(LineState.On, board.Supervisor.StateOf(0));
        Assert.Empty(board.Events.Faults);

        // Only the firmware channel left: the magnitude it reports is its calibration at work. 8 mA DC injected as a
        // step on a settled line; the DC trip is judged on the second of two whole blocks (sensor settled).
        board.Lines[0].Faults.TripPathDead = true;
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 8);
        board.Run(200);
        var trip = Assert.Single(board.Events.Trips);
        Assert.Equal(TripChannel.FirmwareDsp, trip.Channel);
        Assert.Equal(TripCause.Dc, trip.Cause);
        Assert.Equal(8.0, trip.MagnitudeMa, 0.1);
    }

    [Fact]
    public void ADailySelfTestOnAWeldedSsrNeverAutoZeroesAndLocksTheLineOut()
    {
        // The load-side sense never releases: the line is live whatever SSR_ON says, so no offset may be measured.
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 3.5);
        board.Lines[0].Faults.SsrWelded = true;
        int closures = board.Lines[0].OnCommands;
        board.Time.Advance(board.Settings.DailySelfTestMs);
        board.Run(500);
        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(0));
        Assert.Equal(FaultKind.SsrWelded, Assert.Single(board.Events.Faults).Kind);
        Assert.Equal(RefusalReason.SsrWelded, Assert.Single(board.Events.Lockouts).Reason);
        Assert.Equal(closures, board.Lines[0].OnCommands); // no probe re-closure after the test
        Assert.False(board.Lines[0].SsrOn);
    }

    [Fact]
    public void ACorruptSafetyRecordReadsAsLockedOut()
    {
        var board = NewBoard();
        board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect);
        board.Run(1200);
        board.Lines[0].InjectLeakage(WaveformKind.Dc, 30);
        board.Run(100);
        var record = board.Store.Records["rcm-line-0"];
        record[5] ^= 0x40;
        board.Lines[0].ClearLeakage();
        board.Reboot();
        Assert.Equal(LineState.LockedOut, board.Supervisor.StateOf(0));
        Assert.Contains(board.Events.Faults, f => f.Kind == FaultKind.StoreCorrupt);
        Assert.Equal(RefusalReason.LockedOut, board.Supervisor.Request(0, ReenergiseSource.RemoteReconnect).Reason);
    }
}
