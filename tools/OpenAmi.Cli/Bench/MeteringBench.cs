using System.Text;
using OpenAmi.Dlms.Link;
using OpenAmi.Emulator.Bus;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Modbus;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Intervals;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Platform;

namespace OpenAmi.Cli.Bench;

/// <summary>
/// Feeder sweep time on one simulated 9600 Bd RS-485 bus (virtual bus time, not host time) against the wire-time
/// floor, and the firmware's cost of one meter read.
/// </summary>
public static class MeteringBench
{
    private const int Baud = 9600;
    private const double TurnaroundMs = 10;
    private static readonly string[] Profiles = [BuiltInProfiles.EastronSdm120, BuiltInProfiles.ChintDdsu666, BuiltInProfiles.HikingDds238];

    private sealed class DiscardSink : IMeteringSink
    {
        public void OnReading(Reading reading) { }
        public void OnEvent(MeteringEvent meteringEvent) { }
    }

    public static BenchReport Run()
    {
        var rows = new List<BenchRow>();
        foreach (int meters in Measure.Quick ? new[] { 10 } : new[] { 10, 50, 100 })
        {
            var (sweep, floor, reads) = Sweep(meters);
            string conditions = $"{meters} Modbus meters (SDM120/DDSU666/DDS238 mix), 5 VMRS items each (+ the SDM120 serial), {Baud} Bd 8N1, {TurnaroundMs} ms meter turnaround";
            rows.Add(new BenchRow("metering", $"sweep time, {meters} meters", sweep / 1000.0, "s", conditions));
            rows.Add(new BenchRow("metering", $"wire-time floor, {meters} meters", floor / 1000.0, "s", conditions + "; characters + 3.5-char gaps only"));
            rows.Add(new BenchRow("metering", $"sweep / floor, {meters} meters", sweep / floor, "x", $"{reads} transactions"));
        }

        var (perRead, description) = ReadCost();
        rows.Add(new BenchRow("metering", "bytes allocated per meter read", perRead.BytesPerOp, "B", description));
        rows.Add(new BenchRow("metering", "host ns per meter read", perRead.NanosecondsPerOp, "ns", description));

        foreach (int meters in Measure.Quick ? new[] { 10 } : new[] { 10, 50, 100 })
        {
            foreach (bool lists in new[] { true, false })
            {
                var dlms = DlmsSweep(meters, lists);
                string how = lists ? "GET-with-list" : "item by item";
                string conditions = $"{meters} DLMS meters (no security / LLS / HLS-GMAC+ciphering mix), 5 VMRS items each, {how}, {Baud} Bd 8N1, {TurnaroundMs} ms turnaround per answer, one association per meter (SNRM/UA, AARQ/AARE, RLRQ/RLRE, DISC/UA)";
                rows.Add(new BenchRow("metering", $"DLMS sweep time ({how}), {meters} meters", dlms.SweepMs / 1000.0, "s", conditions));
                rows.Add(new BenchRow("metering", $"DLMS wire-time floor ({how}), {meters} meters", dlms.FloorMs / 1000.0, "s", conditions + "; the bytes of those frames back to back"));
                rows.Add(new BenchRow("metering", $"DLMS sweep / floor ({how}), {meters} meters", dlms.SweepMs / dlms.FloorMs, "x", $"{dlms.Reads} requests, {dlms.Frames} frames"));
                rows.Add(new BenchRow("metering", $"DLMS value-only floor ({how}), {meters} meters", dlms.GetOnlyFloorMs / 1000.0, "s", "wire time of the GET request/response frames alone (what the association overhead is measured against)"));
            }
        }

        foreach (int meters in Measure.Quick ? new[] { 2 } : new[] { 10 })
        {
            var backfill = Backfill(meters);
            string conditions = $"{meters} DLMS meters (no security / LLS / HLS-GMAC+ciphering mix), 24 h of their 15-minute load profile (1.8.0, 32.7.0, 1.7.0) read back by range in the gateway's slices of {SliceIntervals} intervals (ProfileRangeReader), one association per meter, {Baud} Bd 8N1, {TurnaroundMs} ms turnaround per answer";
            rows.Add(new BenchRow("metering", $"backfill of 24 h, {meters} meters", backfill.Ms / 1000.0, "s", conditions + $"; {backfill.Intervals} intervals"));
            rows.Add(new BenchRow("metering", $"backfill wire-time floor, {meters} meters", backfill.FloorMs / 1000.0, "s", "the bytes of those frames back to back (issue 17's goal: backfill ≤ 1.2 × this)"));
            rows.Add(new BenchRow("metering", $"backfill / floor, {meters} meters", backfill.Ms / backfill.FloorMs, "x", $"{backfill.Frames} frames"));
            rows.Add(new BenchRow("metering", "live poll wait behind backfill, at most", backfill.LongestSliceMs, "ms", "the longest slice: backfill runs in the lowest lane one slice at a time, so a live poll of the same bus waits for one slice at most"));
        }

        var (dlmsRead, dlmsDescription) = DlmsReadCost();
        rows.Add(new BenchRow("metering", "bytes allocated per DLMS meter read", dlmsRead.BytesPerOp, "B", dlmsDescription));
        return new BenchReport("metering", rows);
    }

    /// <summary>One full first sweep (scalers come from the profiles, so every transaction is a value read).</summary>
    private static (double SweepMs, double FloorMs, int Reads) Sweep(int count)
    {
        var bus = new SimulatedModbusBus(Baud, turnaroundMs: TurnaroundMs);
        var reader = new ModbusMeterReader(new ModbusMaster(bus, 200));
        var scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), bus, null), null, bus, new PollPlan(), new DiscardSink());
        for (int unit = 1; unit <= count; unit++)
        {
            var model = ProfileReader.Load(Profiles[unit % 3]).Profile!;
            // The simulations keep the first layout each profile lists (the manuals' own); no registration here.
            var profile = model.Variants.Length > 0 ? model.WithVariant(model.Variants[0]) : model;
            ModbusMeterSimulation sim = (unit % 3) switch
            {
                0 => new Sdm120Simulation(unit),
                1 => new Ddsu666Simulation(unit),
                _ => new Dds238Simulation(unit),
            };
            sim.SetState(100 + unit, 0, 230, 500, 50);
            bus.Add(sim);
            reader.AddMeter(unit, profile);
            scheduler.Add(new MeterRecord(reader, unit, profile) { Serial = "m" + unit });
        }

        double start = bus.NowExactMs;
        var sweep = scheduler.RunSweep();
        return (bus.NowExactMs - start, bus.WireFloorMs, sweep.Transactions);
    }

    /// <summary>
    /// One 1.8.0 read through ItemReader → ModbusMeterReader → ModbusMaster over a link that replays a fixed
    /// valid SDM120 answer, so only firmware allocations are counted.
    /// </summary>
    private static (Measure.Result Result, string Description) ReadCost()
    {
        var answer = new byte[] { 1, 4, 4, 0x44, 0xE6, 0x50, 0x00, 0, 0 }; // 1842.5f = 0x44E65000
        Crc16Modbus.Append(answer, 0, 7);
        var link = new ReplaySerialLink(answer);
        var reader = new ModbusMeterReader(new ModbusMaster(link, 200));
        var profile = ProfileReader.Load(BuiltInProfiles.EastronSdm120).Profile!;
        reader.AddMeter(1, profile);
        var clock = new Tick();
        var items = new ItemReader(new QualityAssessor(new PlausibilityLimits()), clock, null);
        var meter = new MeterRecord(reader, 1, profile);
        int index = Array.FindIndex(meter.Items, s => s != null && s.Mapping.Item.Code == "1.8.0");
        var result = Measure.Run(() =>
        {
            link.Rewind();
            clock.NowMs += 60_000;
            items.Read(meter, index);
        }, 200_000);
        return (result, "one VMRS item (SDM120 1.8.0 float32) incl. quality check; the allocation is the Reading handed to the sink");
    }

    /// <summary>The gateway's backfill slice.</summary>
    private static readonly int SliceIntervals = new BackfillOptions().SliceIntervals;

    /// <summary>The emulated meters' 15-minute load profile, as their vendor profiles map it.</summary>
    private const string LoadProfileColumns = @"""profiles"": [ { ""logicalName"": ""1-0:99.1.0*255"", ""kind"": ""load"", ""columns"": { ""1.8.0"": {}, ""32.7.0"": {}, ""1.7.0"": {} } } ]";

    private static readonly MeterProfile[] Personalities = [MeterProfile.Sunbird with { Authentication = OpenAmi.Dlms.Client.AuthenticationLevel.None }, MeterProfile.Sunbird, MeterProfile.Kestrel];

    /// <summary>
    /// Issue 17's backfill figure: every meter's last 24 h of 15-minute intervals read back from its load profile, slice
    /// by slice as the gateway's backfill does, on one bus; bus time accounted as in <see cref="DlmsSweep"/>.
    /// </summary>
    private static (double Ms, double FloorMs, int Intervals, int Frames, double LongestSliceMs) Backfill(int count)
    {
        using var line = new EmulatedDlmsLine();
        var maps = new ProfileColumnMaps(line.Reader, line.Reader);
        var slices = new ProfileRangeReader(line.Reader, maps, SliceIntervals);
        var sink = new CountingIntervalSink();
        double start = line.Link.NowExactMs;
        double longest = 0;
        for (int i = 0; i < count; i++)
        {
            var (meter, address, profile) = line.Add(i, LoadProfileColumns);
            string id = "m" + i;
            var newest = new DateTime(meter.State.ClockUtc.Ticks - (meter.State.ClockUtc.Ticks % (15 * TimeSpan.TicksPerMinute)), DateTimeKind.Utc);
            if (maps.Get(id, address, profile, profile.FindProfile(CaptureProfileKind.Load)!, out var map) != ReadStatus.Ok)
            {
                throw new InvalidOperationException($"{id}: the load profile's capture objects could not be read");
            }

            for (var from = newest.AddHours(-24); from < newest; from = from.AddMinutes(15 * SliceIntervals))
            {
                double sliceStart = line.Link.NowExactMs;
                var to = from.AddMinutes(15 * SliceIntervals).AddSeconds(-1);
                var status = slices.ReadSlice(id, address, profile, map, from, to < newest ? to : newest, sink);
                if (status != ReadStatus.Ok)
                {
                    throw new InvalidOperationException($"{id}: slice from {from:O} read {status}");
                }

                longest = Math.Max(longest, line.Link.NowExactMs - sliceStart);
            }
        }

        line.Reader.Release();
        return (line.Link.NowExactMs - start, line.Link.WireMs, sink.Count, line.Link.Frames, longest);
    }

    private sealed class CountingIntervalSink : IIntervalSink
    {
        public int Count { get; private set; }

        public void Publish(string meterId, ProfileColumnMap map, IntervalRecord interval) => Count++;
    }

    /// <summary>
    /// One first sweep over emulated DLMS meters on an instantaneous simulated bus; bus time is accounted
    /// virtually by <see cref="VirtualTimeLink"/> (character times at 9600 Bd plus a turnaround per answer), so the
    /// figure does not depend on host speed.
    /// </summary>
    private static (double SweepMs, double FloorMs, double GetOnlyFloorMs, int Reads, int Frames) DlmsSweep(int count, bool lists)
    {
        using var line = new EmulatedDlmsLine();
        var link = line.Link;
        var scheduler = new PollScheduler(new ItemReader(new QualityAssessor(new PlausibilityLimits()), link, null), null, link, new PollPlan(), new DiscardSink()) { BatchReads = lists };
        for (int i = 0; i < count; i++)
        {
            var (meter, address, profile) = line.Add(i, null);
            scheduler.Add(new MeterRecord(line.Reader, address, profile) { Serial = meter.Profile.Serial });
        }

        double start = link.NowExactMs;
        var sweep = scheduler.RunSweep();
        line.Reader.Release();
        double getOnly = link.GetFrameBytes * 10.0 * 1000 / Baud;
        return (link.NowExactMs - start, link.WireMs, getOnly, sweep.Transactions, link.Frames);
    }

    /// <summary>
    /// One 9600 Bd line of emulated DLMS meters (the no security / LLS / HLS mix in turn) and the gateway's DLMS reader on
    /// it, bus time accounted virtually by <see cref="VirtualTimeLink"/>.
    /// </summary>
    private sealed class EmulatedDlmsLine : IDisposable
    {
        private readonly SimulatedBus _bus = new(timeScale: 0);
        private readonly List<EmulatedMeter> _meters = new();

        public EmulatedDlmsLine()
        {
            Link = new VirtualTimeLink(_bus.Attach("gateway", Baud), Baud, TurnaroundMs);
            Reader = new DlmsMeterReader(Link, new DlmsReaderOptions { SystemTitle = Convert.FromHexString("4F414D4743000001") },
                new PersonalitySecrets(), new HostAesBlockCipher(), new HostRandomSource());
        }

        public VirtualTimeLink Link { get; }

        public DlmsMeterReader Reader { get; }

        /// <summary>Meter <paramref name="i"/> on the line, declared to the reader with its vendor profile (and <paramref name="profiles"/>).</summary>
        public (EmulatedMeter Meter, int Address, VendorProfile Profile) Add(int i, string? profiles)
        {
            var personality = Personalities[i % 3];
            int address = personality.ServerAddressSize == 4 ? 0x100 + i : 16 + i;
            var p = personality with { Name = "m" + i, ServerLower = address, Serial = "M" + i, DefaultBaud = Baud };
            var meter = new EmulatedMeter(_bus, p) { TurnaroundMs = 0 };
            _meters.Add(meter);
            var profile = ProfileReader.Load(DlmsProfile(p, i % 3, profiles)).Profile!;
            Reader.Declare(address, profile);
            return (meter, address, profile);
        }

        public void Dispose() => _meters.ForEach(m => m.Dispose());
    }

    /// <param name="profiles">The profile's "profiles" member (its load profile's columns), or null for none.</param>
    private static string DlmsProfile(MeterProfile p, int kind, string? profiles)
    {
        string dlms = kind switch
        {
            0 => @"{ ""client"": 16, ""logicalDevice"": 1 }",
            1 => @"{ ""client"": 1, ""logicalDevice"": 1, ""authentication"": ""low"", ""secretRef"": ""lls"" }",
            _ => @"{ ""client"": 1, ""logicalDevice"": 1, ""authentication"": ""high"", ""security"": ""authenticated-encrypted"", ""secretRef"": ""hls"" }",
        };
        return $@"{{ ""id"": ""{p.Name}"", ""protocol"": ""dlms"", ""link"": {{ ""medium"": ""rs485"", ""baud"": {Baud} }}, ""address"": {p.ServerLower}, ""dlms"": {dlms},
  ""items"": {{ ""1.8.0"": {{ ""scaler"": {p.EnergyScaler}, ""unit"": ""Wh"" }}, ""2.8.0"": {{ ""scaler"": {p.EnergyScaler}, ""unit"": ""Wh"" }},
    ""1.7.0"": {{ ""scaler"": {p.PowerScaler}, ""unit"": ""W"" }}, ""32.7.0"": {{ ""scaler"": {p.VoltageScaler}, ""unit"": ""V"" }}, ""14.7.0"": {{ ""scaler"": -2, ""unit"": ""Hz"" }} }}{(profiles == null ? "" : ", " + profiles)} }}";
    }

    /// <summary>Bytes the firmware allocates for one VMRS item read over an open association (the emulated meter's own allocations are on its thread).</summary>
    private static (Measure.Result Result, string Description) DlmsReadCost()
    {
        var bus = new SimulatedBus(timeScale: 0);
        var personality = Personalities[0] with { DefaultBaud = Baud };
        using var meter = new EmulatedMeter(bus, personality) { TurnaroundMs = 0 };
        var link = new VirtualTimeLink(bus.Attach("gateway", Baud), Baud, TurnaroundMs);
        var reader = new DlmsMeterReader(link, new DlmsReaderOptions(), null, null, null);
        var profile = ProfileReader.Load(DlmsProfile(personality, 0, null)).Profile!;
        reader.Declare(personality.ServerLower, profile);
        var items = new ItemReader(new QualityAssessor(new PlausibilityLimits()), link, null);
        var record = new MeterRecord(reader, personality.ServerLower, profile);
        int index = Array.FindIndex(record.Items, s => s != null && s.Mapping.Item.Code == "32.7.0");
        var result = Measure.Run(() => items.Read(record, index), 2_000, warmup: 50);
        reader.Release();
        return (result, "one VMRS item (32.7.0, class 3) over an open association: GET request/response through HDLC, A-XDR decode, Reading; host ns not reported (includes the emulator thread hand-off)");
    }

    private sealed class PersonalitySecrets : IDlmsSecretStore
    {
        public DlmsSecret Find(string secretRef) => secretRef == "lls"
            ? new DlmsSecret { Password = Encoding.ASCII.GetBytes("00000000") }
            : new DlmsSecret { BlockCipherKey = MeterProfile.Kestrel.BlockCipherKey, AuthenticationKey = MeterProfile.Kestrel.AuthenticationKey };
    }

    /// <summary>
    /// Bus time as the wire would spend it: 10 bit times per character written or read, and a meter turnaround
    /// before the first character of each answer. The simulated bus underneath runs instantaneously.
    /// </summary>
    private sealed class VirtualTimeLink(BusEndpoint inner, int baud, double turnaroundMs) : IByteLink, IMonotonicClock
    {
        private readonly double _charMs = 10.0 * 1000 / baud;
        private bool _awaitingAnswer;
        private bool _getPending;

        public double NowExactMs { get; private set; }
        public double WireMs { get; private set; }
        public int Frames { get; private set; }
        /// <summary>Bytes of GET request/response frames (I-frames whose APDU tag is C0 get-request or C4 get-response).</summary>
        public long GetFrameBytes { get; private set; }
        public long NowMs => (long)NowExactMs;

        public void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Spend(count);
            Frames++;
            _awaitingAnswer = true;
            _getPending = IsGet(buffer, offset, count);
            if (_getPending)
            {
                GetFrameBytes += count;
            }
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = inner.Read(buffer, offset, count, timeoutMs);
            if (n == 0)
            {
                NowExactMs += timeoutMs;
                return 0;
            }

            if (_awaitingAnswer)
            {
                NowExactMs += turnaroundMs;
                _awaitingAnswer = false;
                Frames++;
            }

            if (_getPending)
            {
                GetFrameBytes += n;
            }

            Spend(n);
            return n;
        }

        private static bool IsGet(byte[] b, int offset, int count)
        {
            // HDLC I-frame with LLC E6 E6 00 then the APDU tag (C0 get-request); ciphered GETs (glo-get C8) count too.
            for (int i = offset; i + 3 < offset + count; i++)
            {
                if (b[i] == 0xE6 && b[i + 1] == 0xE6 && b[i + 2] == 0x00)
                {
                    return b[i + 3] == 0xC0 || b[i + 3] == 0xC8;
                }
            }

            return false;
        }

        private void Spend(int characters)
        {
            NowExactMs += characters * _charMs;
            WireMs += characters * _charMs;
        }

        public void Configure(int baudRate, LineFormat format) => inner.Configure(baudRate, format);
        public void DiscardInput() => inner.DiscardInput();
        public void Delay(int milliseconds) => NowExactMs += milliseconds;
    }

    private sealed class Tick : IMonotonicClock
    {
        public long NowMs { get; set; }
    }
}
