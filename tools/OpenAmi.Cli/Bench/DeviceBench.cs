using OpenAmi.Cli.Commands;
using OpenAmi.DeviceGate;
using OpenAmi.Emulator.Device;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Rcm;
using OpenAmi.Gateway.Config;
using OpenAmi.Emulator.Installer;
using OpenAmi.Installer.Security;

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
        rows.AddRange(SteadyState());
        rows.AddRange(Installer());
        rows.AddRange(CostModel(held));
        rows.AddRange(PasswordCost());
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
            new(Area, "composition allocated: the emulator's file stores", composition.HostSide, "B", "of the above, the host adapter of the file-store port (System.IO); the board's adapter is measured on the board"),
            new(Area, "composition allocated: the gateway's own", composition.Allocated - composition.HostSide, "B", "the above less the host file stores"),
            new(Area, "composition allocated: goal", CompositionGoalBytes, "B", "issue 15 (a no-PSRAM heap stays within reach); CompositionBudgetTests holds the gateway's own at 47 KB, all of it at 50 KB"),
            new(Area, "composition held after a full GC", composition.Held, "B", "host GC.GetTotalMemory(true), 64-bit objects"),
        };
        foreach (var part in composition.Parts)
        {
            rows.Add(new(Area, "composition allocated: " + part.Component, part.Allocated, "B", "host, exact"));
            rows.Add(new(Area, "composition held: " + part.Component, part.Held, "B", "host, after a full GC"));
            rows.Add(new(Area, "composition host ports: " + part.Component, part.HostSide, "B", "of the allocated, the emulator's own ports (host file stores)"));
        }

        return rows;
    }

    /// <summary>The steady state of the reference pole (<see cref="SteadyStateMeter"/>; SteadyStateAllocationTests holds these figures).</summary>
    private static IEnumerable<BenchRow> SteadyState()
    {
        string configPath = EmulateCommand.RepoFile(Path.Combine("docs", "provisioning", "gateway.json"));
        var (timing, config, _) = FeederEmulation.LoadFeeder(EmulateCommand.DefaultScenario(), configPath);
        var s = SteadyStateMeter.Measure(timing, config);
        string hour = $"host GC.GetAllocatedBytesForCurrentThread, an hour of simulated polling after warm-up, {s.MeterReads} meter reads; simulated buses, meters, file stores and broker subtracted"
            + (SteadyStateMeter.CountsEveryAllocation ? string.Empty : "; JIT object stack allocation on (run through ./openami): lower than the device and varying");
        yield return new BenchRow(Area, "steady state allocated per meter read, end to end", s.BytesPerMeterRead, "B", hour + "; issue 15 budget 1024 B");
        yield return new BenchRow(Area, "steady state allocated per meter read, northbound part", s.NorthboundBytesPerMeterRead, "B", "readings → TelemetryBridge → envelope → outbox record → published, as many as the hour's reads");
        yield return new BenchRow(Area, "steady state allocated per RCM block", s.BytesPerRcmBlock, "B", $"{s.SafetyRounds} supervision rounds × {s.Lines} lines, simulated line ports included; issue 15 budget 0 B");
    }

    /// <summary>The installer API's share of the board (docs/installer.md "Memory"), measured on the host like the composition.</summary>
    private static IEnumerable<BenchRow> Installer()
    {
        string configPath = EmulateCommand.RepoFile(Path.Combine("docs", "provisioning", "gateway.json"));
        var (scenario, config, _) = FeederEmulation.LoadFeeder(EmulateCommand.DefaultScenario(), configPath);
        var m = InstallerMemoryMeter.Measure(config, scenario);
        const string host = "host GC.GetAllocatedBytesForCurrentThread, second request, reference pole after 2 simulated hours";
        yield return new BenchRow(Area, "installer page on flash", m.PageBytes, "B", "firmware/OpenAmi.Installer/Page/index.html, provisioned as I:\\installer.html (budget 16384 B)");
        yield return new BenchRow(Area, "installer composition allocated", m.Allocated, "B", "host GC.GetAllocatedBytesForCurrentThread, exact: site, taps, API and the page read into RAM (64-bit objects; budget 28672 B)");
        yield return new BenchRow(Area, "installer held after composition", m.Held, "B", "host GC.GetTotalMemory(true); the emulated pole's safety thread runs meanwhile, so ± a few KB");
        yield return new BenchRow(Area, "installer request allocated: GET /api/status", m.StatusBytes, "B", host + ", the cached password check included");
        yield return new BenchRow(Area, "installer request allocated: GET /api/meters", m.MetersBytes, "B", host + ", the cached password check included");
        yield return new BenchRow(Area, "installer request allocated: GET /api/lines", m.LinesBytes, "B", host + ", the cached password check included");
        yield return new BenchRow(Area, "installer cached password check allocated", m.CachedCheckBytes, "B", "host, one HMAC-SHA256 of the presented password under the boot key, compared with the verified one's");
        yield return new BenchRow(Area, "installer first-login password check allocated", m.PasswordCheckBytes, "B", "host, PBKDF2-HMAC-SHA256 10,000 iterations over .NET's HMAC into reused buffers (the board's native HMAC returns a new 32-byte array per call: +10,000 × 32 B there)");
    }

    /// <summary>
    /// PBKDF2 on the ESP32, which the first /api request with a password pays (later ones with the same password pay the
    /// cached check, one HMAC: <see cref="VerifiedPassword"/>). Both checks' two parts scale differently: the HMAC runs natively on
    /// both sides (the board's HMACSHA256 is mbedTLS, the host's OpenSSL), so the interpreter's ratio does not apply to
    /// it (ratio 1); the managed loop around it (a call into native code, then 32 bytes XORed per iteration) is byte-array
    /// code like a DLMS decode, so that ratio applies. The managed part is timed with an HMAC that does no hashing.
    /// </summary>
    private static IEnumerable<BenchRow> PasswordCost()
    {
        var m = DeviceCostModel.Default;
        byte[] salt = new byte[InstallerPassword.SaltLength];
        byte[] password = System.Text.Encoding.UTF8.GetBytes("bench-installer-password");
        var full = new Pbkdf2PasswordHasher(new HostHmacSha256(), Pbkdf2PasswordHasher.Iterations);
        var loop = new Pbkdf2PasswordHasher(new NoHashing(), Pbkdf2PasswordHasher.Iterations);
        double fullNs = Measure.SteadyState(() => full.Hash(salt, password), 20).NanosecondsPerOp;
        double loopNs = Measure.SteadyState(() => loop.Hash(salt, password), 20).NanosecondsPerOp;
        var total = NativeMacOnDevice(m, fullNs, loopNs);
        yield return new BenchRow(Area, "host JIT: PBKDF2 password check, 10,000 iterations", fullNs, "ns", $"Pbkdf2PasswordHasher over .NET's HMACSHA256, this host, {Measure.SteadyConditions}");
        yield return new BenchRow(Area, "host JIT: PBKDF2 managed loop alone", loopNs, "ns", "the same with an HMAC that does no hashing but allocates and copies a 32-byte result, as the board's adapter does");
        yield return new BenchRow(Area, "device: PBKDF2 password check, low", total.Low, "ms", "native HMAC: host × 1 × ESP32 factor; managed loop: host × DLMS-decode ratio × ESP32 factor");
        yield return new BenchRow(Area, "device: PBKDF2 password check, high", total.High, "ms", "as above; paid by the first /api request with a password and by every wrong one (docs/installer.md)");

        var cached = Cached(new HostHmacSha256());
        var cachedLoop = Cached(new NoHashing());
        const string presented = "bench-installer-password";
        double cachedNs = Measure.SteadyState(() => cached.Holds(presented), 20_000).NanosecondsPerOp;
        double cachedManagedNs = Measure.SteadyState(() => cachedLoop.Holds(presented), 20_000).NanosecondsPerOp;
        var cachedTotal = NativeMacOnDevice(m, cachedNs, cachedManagedNs);
        yield return new BenchRow(Area, "host JIT: cached password check", cachedNs, "ns", $"VerifiedPassword.Holds over .NET's HMACSHA256, this host, {Measure.SteadyConditions}");
        yield return new BenchRow(Area, "device: cached password check, low", cachedTotal.Low, "ms", "split like PBKDF2: one native HMAC × 1, the managed rest (UTF-8, compare) × DLMS-decode ratio; × ESP32 factor");
        yield return new BenchRow(Area, "device: cached password check, high", cachedTotal.High, "ms", "as above; paid by every later /api request with the verified password");
    }

    /// <summary>A check's ESP32 time from its host time with and without hashing: native HMAC × 1, the managed rest × the DLMS-decode ratio.</summary>
    private static CostRange NativeMacOnDevice(DeviceCostModel m, double fullNs, double managedNs) =>
        m.OnDevice(managedNs, m.DlmsDecode) + m.OnDevice(Math.Max(0, fullNs - managedNs), new CostRange(1, 1));

    private static VerifiedPassword Cached(IHmacSha256 mac)
    {
        var verified = new VerifiedPassword(mac, System.Security.Cryptography.RandomNumberGenerator.GetBytes(VerifiedPassword.KeyLength));
        verified.Remember("bench-installer-password");
        return verified;
    }

    /// <summary>The managed cost around the MAC alone: an HMAC that answers at once, allocating its MAC as the board's does.</summary>
    private sealed class NoHashing : IHmacSha256
    {
        public void SetKey(byte[] key)
        {
        }

        public void Mac(byte[] message, byte[] mac) => Array.Copy(new byte[32], mac, 32);
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
