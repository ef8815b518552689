using OpenAmi.Emulator.Device;
using OpenAmi.Emulator.Rcm;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Scheduling;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The feeder's tenant lines: the pole board's simulated lines (analog trip path, latch, zero-cross SSR, load sense,
/// ADC front end) behind the same Safety ports the ESP32 adapters implement, the gateway's own
/// <see cref="OpenAmi.Safety.Supervision.SafetyService"/> supervising them, and the scenario's leakage, its clearing and the head-end's reconnect.
/// The device runs supervision on its own thread, back to back; here it is stepped in the board's simulated time
/// (<see cref="SimulatedTime"/>, tick 0 = the feeder clock's 0), caught up with the feeder clock by an emulator-only
/// task. Around activity (leakage on a live line, a probe, a scenario event) every supervision round runs; on quiet
/// lines one round per catch-up runs and the board's time then skips to the feeder's: a healthy, leak-free line gives
/// the same verdict every round, so only the count of identical rounds is saved, never a trip.
/// </summary>
public sealed partial class FeederWorld
{
    /// <summary>How often a quiet board is caught up with the feeder clock.</summary>
    private const long QuietCatchUpMs = 1000;

    /// <summary>How often an active board is caught up (events are time-stamped at the catch-up that saw them).</summary>
    private const long ActiveCatchUpMs = 20;

    /// <summary>Every round runs for this long after a scenario event touches a line.</summary>
    private const long ActiveAfterEventMs = 3000;

    private SimulatedTime? _boardTime;
    private ScheduledTask? _safetyThread;
    private long _activeUntilMs;

    /// <summary>The simulated pole board (null when the feeder configures no safety channel).</summary>
    public SimulatedPoleBoard? PoleBoard { get; private set; }

    /// <summary>Safety channel id → the line on the board (the same index the gateway uses).</summary>
    public SimulatedTenantLine TenantLine(string channelId) => PoleBoard!.Lines[App.Safety.LineOf(channelId)];

    /// <summary>The board's supervision caught up to the feeder's now (tests read line states after it).</summary>
    public void CatchUpSafety() => CatchUpSafety(_clock.NowMs);

    private void BuildTenantLines()
    {
        var channels = _config.Safety.Channels;
        if (channels.Length == 0)
        {
            return;
        }

        var detector = SafetyWiring.Settings(_config).Detector;
        // Board tick 0 is the feeder clock's 0, so board and feeder milliseconds compare directly.
        _boardTime = new SimulatedTime { UnixSecondsAtStart = new DateTimeOffset(DateTime.SpecifyKind(_clock.StartUtc, DateTimeKind.Utc)).ToUnixTimeSeconds() };
        PoleBoard = new SimulatedPoleBoard(_boardTime, channels.Length, detector.MainsHz, detector.SampleRateHz);
        _boardTime.Advance(_clock.NowMs);
        var lines = PoleBoard.CreateLinePorts();
        for (int i = 0; i < channels.Length; i++)
        {
            Ports.AddSafetyLine(channels[i].Id, lines[i]);
        }

        Ports.AnyTrip = PoleBoard;
        Ports.LocalReset = PoleBoard;
        Ports.SafetyClock = _boardTime;
        Ports.SafetyDelay = _boardTime;
        Ports.SafetyStore = new MemorySafetyStore();
    }

    /// <summary>Supervision rounds run so far (each judges one sampled block per line).</summary>
    public long SafetyRounds { get; private set; }

    /// <summary>Bytes the supervision rounds allocated on the emulator's thread (the simulated line ports included; host file stores not).</summary>
    public long SafetyAllocatedBytes { get; private set; }

    private void StartSafetyThread()
    {
        if (PoleBoard != null)
        {
            // Emulator only: the device never puts supervision on the scheduler (SafetyService.Run owns a thread of
            // high priority). The most urgent lane stands in for that priority: a catch-up runs before the bus work due
            // at the same instant, so safety events are stamped when they happen, not a bus transaction later.
            _safetyThread = Scheduler.Add("safety thread (emulated)", Lane.Command, _clock.NowMs, now =>
            {
                CatchUpSafety(now);
                return now + (IsSafetyActive() ? ActiveCatchUpMs : QuietCatchUpMs);
            });
        }
    }

    private void ApplySafety(ScenarioEvent e)
    {
        if (PoleBoard == null)
        {
            Summary.NotWired(e.TypeName);
            return;
        }

        CatchUpSafety(_clock.NowMs);
        var line = TenantLine(e.Line!);
        switch (e.Type)
        {
            case ScenarioEventType.Leakage:
                line.InjectLeakage(Waveform.Parse(e.Waveform!), e.Ma);
                break;
            case ScenarioEventType.LeakageClear:
                line.ClearLeakage();
                break;
            case ScenarioEventType.RemoteReconnect:
                HeadEnd.SendReconnect(MeterOnLine(e.Line!));
                break;
        }

        _activeUntilMs = _clock.NowMs + ActiveAfterEventMs;
        Scheduler.Reschedule(_safetyThread!, _clock.NowMs);
    }

    /// <summary>The configured meter measuring the line (commands address a meter; ScenarioReader.CheckAgainst ensures there is one).</summary>
    private string MeterOnLine(string channelId) => _config.Meters.First(m => m.Line == channelId).Id;

    private void CatchUpSafety(long nowMs)
    {
        do
        {
            long mark = GC.GetAllocatedBytesForCurrentThread();
            long hostSide = HostSideAllocations.Bytes;
            App.Safety.Service.Step();
            SafetyRounds++;
            SafetyAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - mark - (HostSideAllocations.Bytes - hostSide);
            if (!IsSafetyActive() && _boardTime!.NowMs < nowMs)
            {
                _boardTime.Advance(nowMs - _boardTime.NowMs);
            }
        }
        while (_boardTime!.NowMs < nowMs);
    }

    private bool IsSafetyActive()
    {
        if (_boardTime!.NowMs < _activeUntilMs)
        {
            return true;
        }

        for (int i = 0; i < PoleBoard!.Lines.Count; i++)
        {
            var line = PoleBoard.Lines[i];
            if ((line.Leakage != null && line.Live) || line.SsrEnabled != line.Conducting || App.Safety.Service.StateOf(i) == OpenAmi.Safety.Supervision.LineState.Probing)
            {
                return true;
            }
        }

        return false;
    }
}
