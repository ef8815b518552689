using OpenAmi.Emulator.Storage;
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
        const string Meter = "DS1000-88421";
        DateTime ts = new(2026, 6, 22, 14, 30, 0);
        // VMRS "required": true registers (vmrs-registers.json), with plausible single-phase values.
        Reading[] required =
        [
            Reading.OfNumber("1.8.0", 12345.678, "kWh", Quality.Good),
            Reading.OfNumber("1.7.0", 412.5, "W", Quality.Good),
            Reading.OfNumber("32.7.0", 229.8, "V", Quality.Good),
            Reading.OfText("0.0.0", "2026-06-22T14:29:58Z", "datetime", Quality.Good),
            Reading.OfText("0.0.96.1.1.255", Meter, "text", Quality.Good),
            Reading.OfInteger("96.5.0", 0, "bitfield", Quality.Good),
            Reading.OfText("0.0.96.3.10.255", "connected", "enum", Quality.Good),
        ];
        Reading[] prepaid = [.. required, Reading.OfNumber("96.8.0", 12.4, "kWh", Quality.Good)];

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
        Measure.Result build = Measure.Run(() => EnvelopeBytes(writer, topics, Meter, ts, required), 50_000);

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
        ]);
    }

    private static int EnvelopeBytes(JsonWriter writer, Topics topics, string meter, DateTime ts, Reading[] readings)
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
