using OpenAmi.Safety.Board;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// One simulated tenant line of the pole board, behind the same Safety ports the ESP32 adapters implement.
/// Hardware, per hardware/README.md: the analog trip path (<see cref="TripPathCircuit"/>) pulls TRIP_N, which presets
/// the line's latch (74LVC1G74, set at power-up); a LATCH_RST rising edge clears it only while TRIP_N is inactive;
/// SSR_EN = SSR_ON ∧ SSR_ARM ∧ ¬LATCH drives a zero-cross SSR, in series with the line's isolating relay (coil = ¬LATCH ∧
/// SSR_ARM, <see cref="IsolatingRelay"/>); the load-side sense reports voltage at the SSR's output, before the relay.
/// Nothing in the hardware path waits for firmware: a line whose firmware never polls is still opened by its latch.
/// Leakage (a <see cref="Waveform"/> locked to the mains phase) flows only while the line is live (SSR conducting and
/// relay closed); the test input (sensor winding) and the test loop drive smooth DC through the sensor whatever the
/// switches do. Samples come from the board's front end
/// (<see cref="SimulatedSensor.PoleBoard"/>: 24 mV/mA around VMID into the ESP32 ADC1 at 11 dB, <see cref="PoleBoardRcm"/>)
/// reading the sensor output.
/// </summary>
public sealed class SimulatedTenantLine : IResidualSampleSource, ILineSwitch, ITripInputs, ITestCurrentOutput, ITestLoopOutput, ILoadVoltageSense, ITimeDriven
{
    /// <summary>Width of the LATCH_RST pulse, as the ESP32 adapter drives it (a few scheduler ticks).</summary>
    public const int LatchResetPulseMs = 10;

    private readonly SimulatedPoleBoard _board;
    private readonly SimulatedTime _time;
    private readonly MainsTiming _mains;
    private readonly TripPathCircuit _circuit = new();
    private readonly ZeroCrossSsr _ssr;
    private readonly IsolatingRelay _relay = new();
    private readonly LoadVoltageSense _loadSense;
    private readonly SimulatedSensor _adc;
    private readonly int _samplePeriodTicks;
    private long _tick;
    private bool _latch;

    internal SimulatedTenantLine(SimulatedPoleBoard board, int index, MainsTiming mains, int sampleRateHz, double adcNoiseRmsMa)
    {
        if (sampleRateHz <= 0 || SimulatedTime.TicksPerSecond % sampleRateHz != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), $"the sample rate must divide {SimulatedTime.TicksPerSecond} Hz");
        }

        _board = board;
        _time = board.Time;
        _mains = mains;
        Index = index;
        _ssr = new ZeroCrossSsr(mains);
        _loadSense = new LoadVoltageSense(mains);
        _adc = SimulatedSensor.PoleBoard(adcNoiseRmsMa, index + 1);
        _samplePeriodTicks = SimulatedTime.TicksPerSecond / sampleRateHz;
        _tick = _time.Ticks;
        PowerUp();
    }

    public int Index { get; }

    public LineFaults Faults { get; } = new();

    /// <summary>Smooth DC the test input produces (mA); the default is the board's (<see cref="PoleBoardRcm.TestCurrentMa"/>).</summary>
    public double TestWindingMa { get; set; } = PoleBoardRcm.TestCurrentMa;

    /// <summary>Load current lag behind the voltage (degrees, 0 = resistive): moves the SSR's turn-off instant.</summary>
    public double LoadLagDegrees
    {
        get => _ssr.LoadLagTicks * 180.0 / _mains.HalfCycleTicks;
        set => _ssr.LoadLagTicks = (long)Math.Round(value / 180.0 * _mains.HalfCycleTicks);
    }

    /// <summary>The leakage this line's load has to earth (flows only while the SSR conducts), or null.</summary>
    public Waveform? Leakage { get; private set; }

    /// <summary>SSR_ON as firmware drives it.</summary>
    public bool SsrOn { get; private set; }

    /// <summary>The board-wide SSR_ARM net as this line's gate sees it.</summary>
    public bool Armed => _board.SsrArm;

    /// <summary>LATCH_Q: the line's trip latch.</summary>
    public bool Latch => _latch;

    /// <summary>SSR_EN = SSR_ON ∧ SSR_ARM ∧ ¬LATCH (the gate's output; the SSR follows at its next zero crossing).</summary>
    public bool SsrEnabled => SsrOn && _board.SsrArm && !_latch;

    /// <summary>The relay's coil: LATCH_QN ∧ SSR_ARM, with no firmware term.</summary>
    private bool RelayCoil => !_latch && _board.SsrArm;

    /// <summary>The SSR conducts (welded or driven): what the load-side sense sees.</summary>
    public bool Conducting => _ssr.Conducting;

    /// <summary>The isolating relay's contacts are closed.</summary>
    public bool RelayClosed => _relay.Closed;

    /// <summary>The tenant side is live: the SSR conducts and the relay is closed.</summary>
    public bool Live => _ssr.Conducting && _relay.Closed;

    public bool TestOn { get; private set; }

    /// <summary>The test loop's drive: +1 forward turn, -1 reverse turn, 0 off.</summary>
    public int TestLoopPolarity { get; private set; }

    /// <summary>DC current of the test loop (mA); the default is the board's (<see cref="PoleBoardRcm.TestLoopMa"/>).</summary>
    public double TestLoopMa { get; set; } = PoleBoardRcm.TestLoopMa;

    /// <summary>TRIP_N is being pulled low right now (comparators or module fault).</summary>
    public bool TripInputActive => _circuit.TripActive;

    /// <summary>Rising edges of SSR_ON (close commands from firmware).</summary>
    public int OnCommands { get; private set; }

    /// <summary>Tick at which the SSR last started conducting (-1 if it never did since power-up).</summary>
    public long LastLiveTick { get; private set; } = -1;

    /// <summary>Tick at which the SSR last stopped conducting (-1 if it never did since power-up).</summary>
    public long LastDeadTick { get; private set; } = -1;

    /// <summary>Tick at which the relay's contacts last opened (-1 if they never did since power-up).</summary>
    public long LastRelayOpenTick { get; private set; } = -1;

    /// <summary>
    /// Tick at which the tenant's side last became live, relay closed onto a conducting SSR (-1 if it never did since the
    /// emulation started: a power cycle keeps it, so a re-energisation after a reboot is still seen).
    /// </summary>
    public long LastEnergisedTick { get; private set; } = -1;

    /// <summary>Tick at which the latch last set (-1 if it never did since power-up).</summary>
    public long LastLatchTick { get; private set; } = -1;

    public bool LatchSet => _latch;

    public bool ModuleError => Faults.ModuleError;

    public bool VoltagePresent => _loadSense.VoltagePresent;

    /// <summary>
    /// Leakage to earth starting now, phase-locked to the mains voltage (mA is the mean for DC, the RMS otherwise;
    /// frequency defaults to the mains, 1 kHz for HF). It flows whenever the SSR conducts until cleared.
    /// </summary>
    public void InjectLeakage(WaveformKind kind, double milliamps, double? frequencyHz = null, double phaseDegrees = 0)
    {
        double frequency = frequencyHz ?? (kind == WaveformKind.Hf ? Waveform.DefaultHfHz : _mains.Hz);
        Leakage = new Waveform(kind, milliamps, frequency, SimulatedTime.TicksPerSecond, phaseDegrees);
    }

    public void ClearLeakage() => Leakage = null;

    /// <summary>A transient on TRIP_N (EMC, a bouncing comparator): the latch presets asynchronously.</summary>
    public void InjectTripGlitch() => SetLatch(_time.Ticks);

    public int Capture(int[] buffer, int offset, int count, out long elapsedMicroseconds)
    {
        // Each sample is taken one period after the previous one (the first one period after the call), so the block
        // covers (now, now + count periods] and sees whatever was injected before the call. The ADC loop spends the
        // whole block's time even when samples are lost (a stretched read, an interrupt).
        int captured = Math.Max(0, count - Faults.DroppedSamplesPerCapture);
        for (int i = 0; i < count; i++)
        {
            _time.AdvanceTicks(_samplePeriodTicks);
            if (i < captured)
            {
                buffer[offset + i] = _adc.Read(_circuit.SensorOutputMa);
            }
        }

        elapsedMicroseconds = (long)count * _samplePeriodTicks * 1_000_000 / SimulatedTime.TicksPerSecond;
        return captured;
    }

    public void SetOn(bool on)
    {
        if (on && !SsrOn)
        {
            OnCommands++;
        }

        SsrOn = on;
    }

    public void SetArmed(bool armed) => _board.RequestArm(Index, armed);

    /// <summary>LATCH_RST: D is tied low, so the rising edge clears Q unless TRIP_N (PRE) is active, then the pulse ends.</summary>
    public void PulseLatchReset()
    {
        if (!_circuit.TripActive)
        {
            _latch = false;
        }

        _time.Advance(LatchResetPulseMs);
    }

    public void SetTestCurrent(bool on) => TestOn = on;

    public void SetTestLoop(int polarity) => TestLoopPolarity = Math.Sign(polarity);

    public void RunUntil(long tick)
    {
        // Step at least once so that inputs changed since the last call (faults, leakage, commands) take effect, then
        // skip straight to the target while nothing can change: a day on a healthy line costs a few steps, not 4·10⁹.
        while (_tick < tick)
        {
            _tick++;
            Step(_tick);
            if (IsAtRest())
            {
                _tick = tick;
            }
        }
    }

    /// <summary>MCU reset: SSR_ON (GPIO pull-down) and the expander outputs (RCM_TEST, LATCH_RST) go low; the analog path and latch carry on.</summary>
    internal void ReleaseOutputs()
    {
        SsrOn = false;
        TestOn = false;
        TestLoopPolarity = 0;
    }

    /// <summary>Power returns after a cut: capacitors discharged, SSR off, latch preset by the TRIP_N RC.</summary>
    internal void PowerUp()
    {
        ReleaseOutputs();
        _circuit.PowerUp();
        _ssr.PowerOff();
        _relay.PowerOff();
        _loadSense.PowerUp();
        SetLatch(_time.Ticks);
    }

    private double ResidualMa(long tick)
    {
        double leakage = Leakage != null && Live ? Leakage.At(tick) : 0;
        return leakage + (TestOn && !Faults.TestWindingOpen ? TestWindingMa : 0) + TestLoopPolarity * TestLoopMa;
    }

    private void Step(long tick)
    {
        bool wasConducting = _ssr.Conducting;
        bool wasClosed = _relay.Closed;
        bool wasLive = Live;
        _ssr.Step(tick, SsrEnabled, Faults.SsrWelded);
        _relay.Step(tick, RelayCoil);
        if (wasClosed && !_relay.Closed)
        {
            LastRelayOpenTick = tick;
        }

        if (!wasLive && Live)
        {
            LastEnergisedTick = tick;
        }

        if (wasConducting != _ssr.Conducting)
        {
            if (wasConducting)
            {
                LastDeadTick = tick;
            }
            else
            {
                LastLiveTick = tick;
            }
        }

        if (_circuit.Step(ResidualMa(tick), Faults) && !_latch)
        {
            SetLatch(tick);
        }

        _loadSense.Step(tick, _ssr.Conducting);
    }

    private bool IsAtRest()
    {
        bool constantInput = !(Live && Leakage != null && Leakage.Kind != WaveformKind.Dc);
        return constantInput && _ssr.IsSettled(SsrEnabled, Faults.SsrWelded) && _relay.IsSettled(RelayCoil) && _circuit.IsSettled(ResidualMa(_tick), Faults)
            && (_latch || !_circuit.TripActive) && _loadSense.IsSettled(_ssr.Conducting);
    }

    private void SetLatch(long tick)
    {
        _latch = true;
        LastLatchTick = tick;
    }
}
