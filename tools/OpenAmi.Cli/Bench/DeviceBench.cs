using OpenAmi.Cli.Commands;
using OpenAmi.DeviceGate;
using OpenAmi.Emulator.Device;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Rcm;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Cli.Bench;

/// <summary>
/// The firmware against the board, in one table: per device assembly its string table and estimated `.pe` (the device
/// gate's estimators over the last device build); per component what the composition of the reference pole
/// (docs/provisioning/gateway.json) allocates and keeps on the host; and the interpreter cost model — a host JIT time
/// measured here × the nanoCLR/JIT ratio × the ESP32 factor — turned into the device budgets of docs/safety.md.
/// </summary>
public static class DeviceBench
{
    private const string Area = "device";

    private const long CompositionGoalBytes = 48 * 1024;

    public static BenchReport Run()
    {
        var rows = new List<BenchRow>();
        rows.AddRange(Assemblies());
        rows.AddRange(Composition(out long held));
        rows.AddRange(CostModel(held));
        return new BenchReport(Area, rows);
    }

    private static IEnumerable<BenchRow> Assemblies()
    {
        string list = EmulateCommand.RepoFile(Path.Combine("firmware", "obj", "device-assemblies.txt"));
        if (!File.Exists(list))
        {
            yield return new BenchRow(Area, "device assemblies found", 0, "count", "no device build: run bash tools/scripts/device-gate.sh first");
            yield break;
        }

        long total = 0;
        foreach (string path in File.ReadAllLines(list).Where(File.Exists))
        {
            var report = AssemblyScanner.Scan(path);
            total += report.EstimatedPeBytes;
            string name = Path.GetFileNameWithoutExtension(report.Assembly);
            yield return new BenchRow(Area, "string table: " + name, report.StringTableBytes, "B", "device gate (NF005 budget " + StringTable.BudgetBytes + " B)");
            yield return new BenchRow(Area, ".pe estimate: " + name, report.EstimatedPeBytes, "B", "device gate estimate (nanoCLR record sizes); the metadata processor's figure is the truth");
        }

        yield return new BenchRow(Area, ".pe estimate: the project's assemblies", total, "B", "sum of the above; nanoFramework's own assemblies not included");
    }

    /// <summary>
    /// The block channel's schedule on the device at the model's slow end: J from this host's JIT time of judging a
    /// block, P over what the reference pole's composition keeps, G = the gap of <see cref="DeviceCostModel.GapMs"/>.
    /// </summary>
    public static BlockSchedule SlowBlockSchedule()
    {
        var m = DeviceCostModel.Default;
        var judge = JudgeOnDevice(m, out _);
        double gcPause = m.GcPauseMs(CompositionMeter.Measure(ReferencePole(out _)).Held);
        return new BlockSchedule(judge.High, m.GapMs(judge, gcPause).High);
    }

    private static CostRange JudgeOnDevice(DeviceCostModel m, out double hostBlockNs)
    {
        // Steady state: the device runs this all the time, so the fully optimised JIT tier is the host reference.
        hostBlockNs = Measure.SteadyState(RcmBench.BlockJudging(), 20_000).NanosecondsPerOp;
        return m.OnDevice(hostBlockNs, m.RcmDsp);
    }

    private static GatewayConfig ReferencePole(out string configPath)
    {
        configPath = EmulateCommand.RepoFile(Path.Combine("docs", "provisioning", "gateway.json"));
        return FeederEmulation.LoadFeeder(EmulateCommand.DefaultScenario(), configPath).Config;
    }

    private static IEnumerable<BenchRow> Composition(out long held)
    {
        var config = ReferencePole(out string configPath);
        var composition = CompositionMeter.Measure(config);
        held = composition.Held;
        string pole = $"{Path.GetFileName(configPath)}: {config.Meters.Length} meters, {config.Safety.Channels.Length} lines; host GC.GetAllocatedBytesForCurrentThread";
        var rows = new List<BenchRow>
        {
            new(Area, "composition allocated", composition.Allocated, "B", pole),
            new(Area, "composition allocated: goal", CompositionGoalBytes, "B", "issue 15 (a no-PSRAM heap stays within reach); CompositionBudgetTests holds the figure above at 88 KB"),
            new(Area, "composition held after a full GC", composition.Held, "B", "host GC.GetTotalMemory(true), 64-bit objects"),
        };
        foreach (var part in composition.Parts)
        {
            rows.Add(new(Area, "composition allocated: " + part.Component, part.Allocated, "B", "host, exact"));
            rows.Add(new(Area, "composition held: " + part.Component, part.Held, "B", "host, after a full GC"));
        }

        return rows;
    }

    private static IEnumerable<BenchRow> CostModel(long compositionHeld)
    {
        var m = DeviceCostModel.Default;
        var judge = JudgeOnDevice(m, out double blockNs);
        // Steady state: the device runs these all the time, so the fully optimised JIT tier is the host reference.
        double envelopeNs = Measure.SteadyState(NorthboundBench.EnvelopeBuild(), 20_000).NanosecondsPerOp;
        double decodeNs = Measure.SteadyState(DlmsBench.GetResponseDecode(), 100_000).NanosecondsPerOp;
        var envelope = m.OnDevice(envelopeNs, m.EnvelopeBuild);
        var decode = m.OnDevice(decodeNs, m.DlmsDecode);

        yield return new BenchRow(Area, "model: ESP32 / nanoCLR-on-x86 factor, low", m.Esp32.Low, "x", DeviceCostModel.Esp32Source);
        yield return new BenchRow(Area, "model: ESP32 / nanoCLR-on-x86 factor, high", m.Esp32.High, "x", DeviceCostModel.Esp32Source);
        yield return new BenchRow(Area, "model: nanoCLR / JIT, RCM DSP (low..high)", m.RcmDsp.Low, "x", $"..{m.RcmDsp.High}; {DeviceCostModel.RatioSource}");
        yield return new BenchRow(Area, "model: nanoCLR / JIT, DLMS decode (low..high)", m.DlmsDecode.Low, "x", $"..{m.DlmsDecode.High}; {DeviceCostModel.RatioSource}");
        yield return new BenchRow(Area, "model: nanoCLR / JIT, envelope build", m.EnvelopeBuild.Low, "x", DeviceCostModel.RatioSource);
        yield return new BenchRow(Area, "model: nanoCLR / JIT, outbox append", m.OutboxAppend.Low, "x", DeviceCostModel.RatioSource);
        yield return new BenchRow(Area, "model: nanoCLR / JIT, SipHash (OpenPAYGO)", m.SipHash.Low, "x", DeviceCostModel.RatioSource);

        yield return new BenchRow(Area, "host JIT: one 48-sample block judged", blockNs, "ns", $"RcmBench.BlockJudging, this host, {Measure.SteadyConditions}");
        yield return new BenchRow(Area, "device: one 48-sample block judged, low", judge.Low, "ms", "host JIT × RCM DSP ratio × ESP32 factor");
        yield return new BenchRow(Area, "device: one 48-sample block judged, high", judge.High, "ms", "host JIT × RCM DSP ratio × ESP32 factor");

        var round = m.SafetyRound(judge);
        yield return new BenchRow(Area, "device: safety round of 4 lines, low", round.Low, "ms", $"4 × ({DeviceCostModel.CycleMs} ms busy-wait capture of one 50 Hz cycle + judging)");
        yield return new BenchRow(Area, "device: safety round of 4 lines, high", round.High, "ms", "as above");
        yield return new BenchRow(Area, "device: safety thread duty cycle", 100, "%", "rounds run back to back and capture busy-waits: the thread never blocks while it has the CPU");
        yield return new BenchRow(Area, "device: judging share of the round, low", 100 * 4 * judge.Low / round.Low, "%", "CPU spent deciding rather than sampling");
        yield return new BenchRow(Area, "device: judging share of the round, high", 100 * 4 * judge.High / round.High, "%", "as above");
        yield return new BenchRow(Area, "device: CPU left to the other threads (at most)", 100 * DeviceCostModel.QuantumMs / (2.0 * DeviceCostModel.QuantumMs), "%",
            $"nanoCLR switches threads every {DeviceCostModel.QuantumMs} ms quantum: with the application thread ready, one quantum each in turn");

        double gcPause = m.GcPauseMs(compositionHeld);
        yield return new BenchRow(Area, "device: GC pause estimate", gcPause, "ms", DeviceCostModel.GcSource + $"; live heap = {DeviceCostModel.AssemblyLoadBytes / 1024} KB assemblies + composition held");
        var ac = m.WorstCaseAcMs(judge, gcPause);
        var dc = m.WorstCaseDcMs(judge, gcPause);
        yield return new BenchRow(Area, "device: firmware channel worst case AC/high-set, low", ac.Low, "ms", "2T + G + J, G = 3(T + J) + J + Q + P (docs/safety.md)");
        yield return new BenchRow(Area, "device: firmware channel worst case AC/high-set, high", ac.High, "ms", "as above");
        yield return new BenchRow(Area, "device: firmware channel worst case DC, low", dc.Low, "ms", "3T + 2G + J");
        yield return new BenchRow(Area, "device: firmware channel worst case DC, high", dc.High, "ms", "as above");

        yield return new BenchRow(Area, "host JIT: envelope build (VMRS required set)", envelopeNs, "ns", $"NorthboundBench.EnvelopeBuild, this host, {Measure.SteadyConditions}");
        yield return new BenchRow(Area, "device: one envelope built, low", envelope.Low, "ms", "host JIT × envelope ratio × ESP32 factor");
        yield return new BenchRow(Area, "device: one envelope built, high", envelope.High, "ms", "as above");
        yield return new BenchRow(Area, "host JIT: GET.response frame + APDU decode", decodeNs, "ns", $"DlmsBench.GetResponseDecode, one register, this host, {Measure.SteadyConditions}");
        var sweep = m.PollSweepCpu(decode, envelope);
        yield return new BenchRow(Area, "device: CPU of one poll sweep of the reference pole, low", sweep.Low, "ms",
            $"{DeviceCostModel.SweepItems} DLMS/Modbus item decodes + {DeviceCostModel.SweepEnvelopes} envelopes; the 9600 Bd wire time comes on top");
        yield return new BenchRow(Area, "device: CPU of one poll sweep of the reference pole, high", sweep.High, "ms", "as above");
    }
}
