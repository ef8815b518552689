using OpenAmi.Safety.Ports;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Safety.Tests.Supervision;

internal sealed class FakeClock : ISafetyClock
{
    public long Now { get; set; } = 1000;

    public bool UnixKnown { get; set; } = true;

    public long UnixEpochAtZero { get; set; } = 1_767_225_600; // 2026-01-01T00:00:00Z

    public event Action<long>? Advanced;

    public long MonotonicMilliseconds => Now;

    public bool TryGetUnixSeconds(out long unixSeconds)
    {
        unixSeconds = UnixEpochAtZero + Now / 1000;
        return UnixKnown;
    }

    public void Sleep(int milliseconds) => Advance(milliseconds);

    public void Advance(long milliseconds)
    {
        for (long i = 0; i < milliseconds; i++)
        {
            Now++;
            Advanced?.Invoke(Now);
        }
    }
}

/// <summary>
/// One tenant line of the board as the hardware notes describe it: SSR_EN = SSR_ON ∧ ¬LATCH ∧ SSR_ARM; the latch sets
/// when the residual current (leakage while energised, plus the test winding) stays ≥ 5 mA for DetectMs; a reset pulse
/// clears it only while the current is gone. A 12-bit converter at mid-scale 2048, 150 mA over 2047 counts.
/// </summary>
internal sealed class FakeLine : IResidualSampleSource, ILineSwitch, ITripInputs, ITestCurrentOutput, ILoadVoltageSense
{
    private const double MaPerCount = 150.0 / 2047;
    private readonly FakeClock _clock;
    private long _overSinceMs = -1;

    public FakeLine(FakeClock clock)
    {
        _clock = clock;
        clock.Advanced += Step;
    }

    public bool SsrOn { get; private set; }

    public bool Armed { get; private set; }

    public bool Latch { get; set; }

    public bool TestOn { get; private set; }

    public double LeakageMa { get; set; }

    public double TestWindingMa { get; set; } = 10;

    public bool TestWindingBroken { get; set; }

    public bool Welded { get; set; }

    public bool LatchStuck { get; set; }

    public bool StuckAtRail { get; set; }

    public int DroppedSamples { get; set; }

    public double OffsetErrorMa { get; set; }

    public bool ModuleErrorActive { get; set; }

    public int DetectMs { get; set; } = 12;

    public int ClosedCount { get; private set; }

    public bool Energised => (SsrOn && Armed && !Latch) || Welded;

    public double ResidualMa => (Energised ? LeakageMa : 0) + (TestOn && !TestWindingBroken ? TestWindingMa : 0);

    public bool LatchSet => Latch;

    public bool ModuleError => ModuleErrorActive;

    public bool VoltagePresent => Energised;

    public int Capture(int[] buffer, int offset, int count, out long elapsedMicroseconds)
    {
        // Time passes while sampling (20 ms per 48-sample block), so the latch model can trip mid-block.
        int captured = count - DroppedSamples;
        long advanced = 0;
        for (int i = 0; i < captured; i++)
        {
            double counts = 2048 + (ResidualMa + OffsetErrorMa) / MaPerCount;
            buffer[offset + i] = StuckAtRail ? 4095 : (int)Math.Clamp(Math.Round(counts), 0, 4095);
            long due = (i + 1) * 20L / count;
            _clock.Advance(due - advanced);
            advanced = due;
        }

        _clock.Advance(20 - advanced);
        elapsedMicroseconds = 20_000;
        return captured;
    }

    public void SetOn(bool on)
    {
        if (on && !SsrOn)
        {
            ClosedCount++;
        }

        SsrOn = on;
    }

    public void SetArmed(bool armed) => Armed = armed;

    public void PulseLatchReset()
    {
        if (!LatchStuck && ResidualMa < 5)
        {
            Latch = false;
        }
    }

    public void SetTestCurrent(bool on) => TestOn = on;

    private void Step(long now)
    {
        if (ResidualMa >= 5)
        {
            if (_overSinceMs < 0)
            {
                _overSinceMs = now;
            }

            if (now - _overSinceMs >= DetectMs)
            {
                Latch = true;
            }
        }
        else
        {
            _overSinceMs = -1;
        }
    }
}

internal sealed class MemoryStore : ISafetyStore
{
    public Dictionary<string, byte[]> Records { get; } = new();

    public byte[] Load(string key) => Records.TryGetValue(key, out var data) ? (byte[])data.Clone() : null!;

    public void Save(string key, byte[] data, int count) => Records[key] = data.Take(count).ToArray();
}

internal sealed class EventLog : ISafetyEventSink
{
    public List<RcmTripEvent> Trips { get; } = new();

    public List<RcmFaultEvent> Faults { get; } = new();

    public List<RcmLockoutEvent> Lockouts { get; } = new();

    public void RcmTrip(RcmTripEvent tripEvent) => Trips.Add(tripEvent);

    public void RcmFault(RcmFaultEvent faultEvent) => Faults.Add(faultEvent);

    public void RcmLockout(RcmLockoutEvent lockoutEvent) => Lockouts.Add(lockoutEvent);
}

internal sealed class FakeInputs : IAnyTripInput, ILocalResetInput
{
    private readonly Func<bool> _anyLatch;

    public FakeInputs(Func<bool> anyLatch) => _anyLatch = anyLatch;

    public bool AnyTripBroken { get; set; }

    public bool Asserted => !AnyTripBroken && _anyLatch();

    public bool Pressed { get; set; }
}

/// <summary>A two-line board around one supervisor; Reboot builds a new supervisor on the same store and hardware.</summary>
internal sealed class FakeBoard
{
    public FakeBoard(SafetySettings? settings = null)
    {
        Settings = settings ?? new SafetySettings();
        Lines = [new FakeLine(Clock), new FakeLine(Clock)];
        Inputs = new FakeInputs(() => Lines.Any(l => l.Latch));
        Supervisor = Boot();
    }

    public FakeClock Clock { get; } = new();

    public SafetySettings Settings { get; }

    public FakeLine[] Lines { get; }

    public FakeInputs Inputs { get; }

    public MemoryStore Store { get; } = new();

    public EventLog Events { get; } = new();

    public SafetySupervisor Supervisor { get; private set; }

    public void Reboot()
    {
        foreach (var line in Lines)
        {
            line.SetOn(false); // a reboot drops SSR_ON and SSR_ARM
            line.SetArmed(false);
        }

        Supervisor = Boot();
    }

    /// <summary>Polls for the given time (each poll captures one 20 ms block per line).</summary>
    public void Run(long milliseconds)
    {
        long end = Clock.Now + milliseconds;
        while (Clock.Now < end)
        {
            Supervisor.Poll();
        }
    }

    private SafetySupervisor Boot()
    {
        var ports = Lines.Select(l => new LinePorts(l, l, l, l, l)).ToArray();
        var supervisor = new SafetySupervisor(Settings, ports, Inputs, Inputs, Clock, Store, Events);
        supervisor.PowerUp();
        return supervisor;
    }
}
