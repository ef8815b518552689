namespace OpenAmi.Cli.Bench;

/// <summary>A low..high range of one figure.</summary>
public readonly record struct CostRange(double Low, double High)
{
    public static CostRange operator +(CostRange a, CostRange b) => new(a.Low + b.Low, a.High + b.High);

    public static CostRange operator *(double k, CostRange a) => new(k * a.Low, k * a.High);

    public static CostRange operator +(CostRange a, double b) => new(a.Low + b, a.High + b);
}

/// <summary>
/// How long managed code takes on the ESP32, from a host JIT time: × the nanoCLR/JIT ratio measured for that kind of
/// code on the same host × the ESP32's factor over nanoCLR on a modern x86 core. Every constant names its source;
/// what only a board can give (the GC pause on the real heap) is an estimate until the first-board measurement in
/// docs/bench-testing.md replaces it.
/// </summary>
public sealed record DeviceCostModel(CostRange Esp32, CostRange RcmDsp, CostRange DlmsDecode, CostRange EnvelopeBuild, CostRange OutboxAppend, CostRange SipHash)
{
    public const string RatioSource = "issue 15: nanoCLR (nf-interpreter main a3e8139, Linux build) vs .NET 10 JIT on the same host";

    public const string Esp32Source = "issue 15: ESP32_REV3 vs nanoCLR on a modern x86 core, from the one published data point (native GPIO toggle loop at 27 kHz on ESP32_REV3)";

    public const string GcSource = "nanoframework/Home#290: 'GC: 1msec 8424 bytes used' (one published run), scaled linearly with the live heap";

    /// <summary>One 50 Hz mains cycle: the block each line's capture busy-waits through.</summary>
    public const double CycleMs = 20;

    /// <summary>nanoCLR's thread quantum (docs/device-subset.md).</summary>
    public const double QuantumMs = 20;

    /// <summary>Lines the board supervises.</summary>
    public const int Lines = 4;

    /// <summary>Issue 15: the heap after all assemblies load (metadata, statics) on nanoCLR, 32-bit estimate.</summary>
    public const long AssemblyLoadBytes = 42 * 1024;

    private const double GcMsPerByte = 1.0 / 8424;

    /// <summary>Reference pole, one instantaneous sweep: 4 meters × 1.7.0, 32.7.0, 14.7.0 (decode cost of a DLMS item for each).</summary>
    public const int SweepItems = 12;

    /// <summary>One telemetry envelope per meter and sweep.</summary>
    public const int SweepEnvelopes = 4;

    public static readonly DeviceCostModel Default = new(
        Esp32: new CostRange(44, 131),
        RcmDsp: new CostRange(58, 68),
        DlmsDecode: new CostRange(19, 21),
        EnvelopeBuild: new CostRange(18, 18),
        OutboxAppend: new CostRange(11, 11),
        SipHash: new CostRange(279, 279));

    /// <summary>Milliseconds on the ESP32 of code that takes <paramref name="hostJitNs"/> on the host's JIT.</summary>
    public CostRange OnDevice(double hostJitNs, CostRange ratio) =>
        new(hostJitNs * ratio.Low * Esp32.Low / 1e6, hostJitNs * ratio.High * Esp32.High / 1e6);

    /// <summary>One round of the safety thread: each line's cycle captured, then judged.</summary>
    public CostRange SafetyRound(CostRange judge) => Lines * (judge + CycleMs);

    /// <summary>The pause of a full collection over the assemblies' heap plus what the composition keeps.</summary>
    public double GcPauseMs(long compositionHeldBytes) => (AssemblyLoadBytes + compositionHeldBytes) * GcMsPerByte;

    /// <summary>G of docs/safety.md: between two blocks of one line the other lines' rounds, its own judging, a quantum and a GC pause.</summary>
    public CostRange GapMs(CostRange judge, double gcPauseMs) => ((Lines - 1) * (judge + CycleMs)) + judge + (QuantumMs + gcPauseMs);

    /// <summary>AC and high-set: the partial block, the next whole one, the gap, and judging the last.</summary>
    public CostRange WorstCaseAcMs(CostRange judge, double gcPauseMs) => GapMs(judge, gcPauseMs) + judge + (2 * CycleMs);

    /// <summary>DC needs two consecutive whole blocks after the partial one.</summary>
    public CostRange WorstCaseDcMs(CostRange judge, double gcPauseMs) => (2 * GapMs(judge, gcPauseMs)) + judge + (3 * CycleMs);

    public CostRange PollSweepCpu(CostRange itemDecode, CostRange envelope) => (SweepItems * itemDecode) + (SweepEnvelopes * envelope);
}
