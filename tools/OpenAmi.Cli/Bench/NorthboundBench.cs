using System.Text.Json;
using OpenAmi.Cli.Commands;
using OpenAmi.Emulator.Storage;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Outbox;
using OpenAmi.Storage.Ports;

namespace OpenAmi.Cli.Bench;

/// <summary>Envelope sizes (exact) and outbox costs (host times, exact allocations) of the northbound path.</summary>
public static class NorthboundBench
{
    private const int ReadsPerDay = 96; // one read every 15 minutes

    public static BenchReport Run()
    {
        Topics topics = new("feeder-north-paravur-01", "pole-ems-0042");
        DateTime ts = new(2026, 6, 22, 14, 30, 0);
        EnvelopeRegister[] required = RequiredSet();
        EnvelopeRegister[] prepaid = [.. required, EnvelopeRegister.OfNumber("96.8.0", 12.4, "kWh", Quality.Good)];

        JsonWriter writer = new();
        int envelope = EnvelopeBytes(writer, topics, Meter, ts, required);
        int envelopePrepaid = EnvelopeBytes(writer, topics, Meter, ts, prepaid);
        int topicBytes = topics.Telemetry(Meter).Length;
        // MQTT 3.1.1 PUBLISH QoS 1: 1 header byte + remaining length (2 bytes below 16384) + 2 + topic + 2 packet id; PUBACK is 4 bytes.
        int wire = 1 + 2 + 2 + topicBytes + 2 + envelope + 4;
        int stored = Outbox.RecordLength(topicBytes, envelope);

        byte[] payload = writer.ToArray();
        string topic = topics.Telemetry(Meter);
        Outbox memoryOutbox = new(new BenchStore(48, 1024 * 1024), 64 * 1024 * 1024, 1024 * 1024);
        Measure.Result append = Measure.Run(() => memoryOutbox.Append(topic, payload, 0, payload.Length), 50_000, warmup: 1000);
        OutboxRecord record = new();
        long after = 0;
        Measure.Result replay = Measure.Run(() =>
        {
            if (!memoryOutbox.ReadNext(after, record))
            {
                after = 0;
                memoryOutbox.ReadNext(after, record);
            }

            after = record.Sequence;
        }, 50_000, warmup: 1000);
        Measure.Result build = Measure.Run(EnvelopeBuild(), 50_000);

        string directory = Directory.CreateTempSubdirectory("openami-bench-outbox-").FullName;
        Measure.Result durable;
        try
        {
            Outbox fileOutbox = new(new HostFileStore(directory), 4 * 1024 * 1024, 64 * 1024);
            durable = Measure.Run(() => fileOutbox.Append(topic, payload, 0, payload.Length), 2000, warmup: 50);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var capacity = OutboxHours(writer, ts);

        const string Conditions = "VMRS required set (7 registers), ids as in the profile example";
        return new BenchReport("northbound",
        [
            new BenchRow("northbound", "telemetry envelope bytes (VMRS required set)", envelope, "B", Conditions),
            new BenchRow("northbound", "telemetry envelope bytes (required + 96.8.0 credit)", envelopePrepaid, "B", Conditions),
            new BenchRow("northbound", "envelope bytes per meter-day at 15-min reads", envelope * ReadsPerDay, "B", Conditions),
            new BenchRow("northbound", "MQTT wire bytes per meter-day (PUBLISH+PUBACK)", wire * ReadsPerDay, "B", "QoS 1, TLS record overhead not included"),
            new BenchRow("northbound", "outbox bytes per record (header+topic+CRC)", stored, "B", "topic " + topicBytes + " B"),
            new BenchRow("northbound", "envelope build ns", build.NanosecondsPerOp, "ns", "JsonWriter reused"),
            new BenchRow("northbound", "envelope build bytes allocated", build.BytesPerOp, "B", "timestamp string"),
            new BenchRow("northbound", "outbox append records per second (in-memory store)", append.OpsPerSecond, "1/s", "library cost only"),
            new BenchRow("northbound", "outbox append bytes allocated per record", append.BytesPerOp, "B", "index growth amortised"),
            new BenchRow("northbound", "outbox replay records per second (in-memory store)", replay.OpsPerSecond, "1/s", "ReadNext, reused OutboxRecord"),
            new BenchRow("northbound", "outbox replay bytes allocated per record", replay.BytesPerOp, "B", "topic string"),
            new BenchRow("northbound", "outbox durable appends per second (host file, fsync)", durable.OpsPerSecond, "1/s", "HostFileStore on the temp directory"),
            new BenchRow("northbound", "outbox bytes per hour (reference pole)", capacity.BytesPerHour, "B", capacity.Conditions),
            new BenchRow("northbound", "outbox hours until the first eviction (reference pole)", capacity.UntilFirstEviction, "h", capacity.Conditions),
            new BenchRow("northbound", "outbox hours always held while evicting (reference pole)", capacity.AlwaysHeld, "h", capacity.Conditions + "; eviction drops 1/" + NorthboundWiring.SegmentsPerOutbox + " at a time"),
        ]);
    }

    /// <summary>
    /// How many hours of telemetry the outbox holds for the reference pole (docs/provisioning/gateway.json): its
    /// meters' envelopes at its own reading intervals (instantaneous class 1.7.0, 32.7.0, 14.7.0 every sweep, the
    /// billing class 1.8.0, 2.8.0 on the billing interval) appended to a real <see cref="Outbox"/> of the configured
    /// size and segmenting, with the broker away, until it has evicted for three times as long as it held.
    /// </summary>
    private static (double BytesPerHour, double UntilFirstEviction, double AlwaysHeld, string Conditions) OutboxHours(JsonWriter writer, DateTime start)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(EmulateCommand.RepoFile(Path.Combine("docs", "provisioning", "gateway.json"))));
        JsonElement root = config.RootElement;
        string[] meters = [.. root.GetProperty("meters").EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];
        JsonElement intervals = root.GetProperty("intervals");
        int sweepS = intervals.GetProperty("instantaneousS").GetInt32();
        int billingS = intervals.GetProperty("billingS").GetInt32();
        int capacityBytes = root.GetProperty("northbound").TryGetProperty("outboxMaxBytes", out JsonElement size) ? size.GetInt32() : new NorthboundConfig().OutboxMaxBytes;
        Topics topics = new(root.GetProperty("feederId").GetString()!, root.GetProperty("gatewayId").GetString()!);

        Outbox outbox = new(new BenchStore(64, capacityBytes), capacityBytes, capacityBytes / NorthboundWiring.SegmentsPerOutbox);
        List<long> sweepOfSequence = [0];
        long bytes = 0;
        long firstEviction = -1;
        long alwaysHeld = long.MaxValue;
        for (long sweep = 0; firstEviction < 0 || sweep < 4 * firstEviction; sweep++)
        {
            DateTime at = start.AddSeconds(sweep * sweepS);
            bool billing = sweep * sweepS % billingS == 0;
            foreach (string meter in meters)
            {
                EnvelopeRegister[] readings = billing
                    ? [EnvelopeRegister.OfNumber("1.7.0", 412.5, "W", Quality.Good), EnvelopeRegister.OfNumber("32.7.0", 229.8, "V", Quality.Good), EnvelopeRegister.OfNumber("14.7.0", 49.98, "Hz", Quality.Good),
                       EnvelopeRegister.OfNumber("1.8.0", 12345.678, "kWh", Quality.Good), EnvelopeRegister.OfNumber("2.8.0", 0, "kWh", Quality.Good)]
                    : [EnvelopeRegister.OfNumber("1.7.0", 412.5, "W", Quality.Good), EnvelopeRegister.OfNumber("32.7.0", 229.8, "V", Quality.Good), EnvelopeRegister.OfNumber("14.7.0", 49.98, "Hz", Quality.Good)];
                int length = EnvelopeBytes(writer, topics, meter, at, readings);
                outbox.Append(topics.Telemetry(meter), writer.Buffer, 0, length);
                sweepOfSequence.Add(sweep);
                if (sweep < 3600 / sweepS)
                {
                    bytes += Outbox.RecordLength(topics.Telemetry(meter).Length, length);
                }
            }

            if (outbox.Gaps.Lost > 0)
            {
                firstEviction = firstEviction < 0 ? sweep : firstEviction;

                // Sweeps whose envelopes are all still held: from the one after the newest evicted record's sweep.
                alwaysHeld = Math.Min(alwaysHeld, sweep - sweepOfSequence[(int)outbox.Gaps.Lost]);
            }
        }

        double hour = 3600.0 / sweepS;
        return (bytes, firstEviction / hour, alwaysHeld / hour,
            $"{meters.Length} meters (reference pole), {sweepS} s reads, outbox {capacityBytes / 1024} KiB");
    }

    private const string Meter = "DS1000-88421";

    /// <summary>The VMRS "required": true registers (vmrs-registers.json), with plausible single-phase values.</summary>
    private static EnvelopeRegister[] RequiredSet() =>
    [
        EnvelopeRegister.OfNumber("1.8.0", 12345.678, "kWh", Quality.Good),
        EnvelopeRegister.OfNumber("1.7.0", 412.5, "W", Quality.Good),
        EnvelopeRegister.OfNumber("32.7.0", 229.8, "V", Quality.Good),
        EnvelopeRegister.OfText("0.0.0", "2026-06-22T14:29:58Z", "datetime", Quality.Good),
        EnvelopeRegister.OfText("0.0.96.1.1.255", Meter, "text", Quality.Good),
        EnvelopeRegister.OfInteger("96.5.0", 0, "bitfield", Quality.Good),
        EnvelopeRegister.OfText("0.0.96.3.10.255", "connected", "enum", Quality.Good),
    ];

    /// <summary>Building the telemetry envelope of the VMRS required set with a reused writer, per call.</summary>
    public static Action EnvelopeBuild()
    {
        Topics topics = new("feeder-north-paravur-01", "pole-ems-0042");
        EnvelopeRegister[] required = RequiredSet();
        JsonWriter writer = new();
        DateTime ts = new(2026, 6, 22, 14, 30, 0);
        return () => EnvelopeBytes(writer, topics, Meter, ts, required);
    }

    private static int EnvelopeBytes(JsonWriter writer, Topics topics, string meter, DateTime ts, EnvelopeRegister[] readings)
    {
        writer.Reset();
        TelemetryEnvelope.Write(writer, topics, meter, ts, readings, readings.Length, null);
        return writer.Length;
    }

    /// <summary>A store on memory streams allocated before measuring, so the figures show the outbox's own allocations.</summary>
    private sealed class BenchStore(int files, int bytesPerFile) : IFileStore
    {
        private readonly Dictionary<string, MemoryStream> _files = new(files);
        private readonly Stack<MemoryStream> _spare = new(Enumerable.Range(0, files).Select(_ => new MemoryStream(bytesPerFile)));

        public string[] List() => [.. _files.Keys];

        public int Length(string name) => _files.TryGetValue(name, out MemoryStream? file) ? (int)file.Length : -1;

        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            MemoryStream file = _files[name];
            file.Position = position;
            return file.Read(buffer, offset, count);
        }

        public void Append(string name, byte[] buffer, int offset, int count)
        {
            if (!_files.TryGetValue(name, out MemoryStream? file))
            {
                file = _spare.Pop();
                _files[name] = file;
            }

            file.Position = file.Length;
            file.Write(buffer, offset, count);
        }

        public void Write(string name, byte[] buffer, int offset, int count)
        {
            if (!_files.TryGetValue(name, out MemoryStream? file))
            {
                file = _spare.Pop();
                _files[name] = file;
            }

            file.SetLength(0);
            file.Write(buffer, offset, count);
        }

        public void Delete(string name)
        {
            if (_files.Remove(name, out MemoryStream? file))
            {
                file.SetLength(0);
                _spare.Push(file);
            }
        }
    }
}
