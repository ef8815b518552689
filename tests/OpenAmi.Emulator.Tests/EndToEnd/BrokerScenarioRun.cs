using System.Collections.Concurrent;
using System.Text.Json;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Emulator.Tests.Feeder;
using OpenAmi.Emulator.Tests.Mqtt;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Emulator.Tests.EndToEnd;

/// <summary>One MQTT message as the independent subscriber (mosquitto_sub) printed it.</summary>
public sealed record BrokerMessage(string Topic, int Qos, bool Retained, string Payload)
{
    /// <summary>The last topic level: telemetry, event, status or command.</summary>
    public string Kind => Topic[(Topic.LastIndexOf('/') + 1)..];

    /// <summary>The meter level of a meter topic (…/meter/{serial}/{kind}), null for gateway topics.</summary>
    public string? Meter
    {
        get
        {
            string[] levels = Topic.Split('/');
            return levels.Length == 7 && levels[4] == "meter" ? levels[5] : null;
        }
    }

    public JsonElement Json => JsonDocument.Parse(Payload).RootElement;

    public DateTime Ts => DateTime.Parse(Json.GetProperty("ts").GetString()!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
}

/// <summary>
/// A ready scenario run once (per test process) through the emulator against a private real mosquitto, with an
/// independent subscriber (mosquitto_sub, QoS 1, on openami/v1/#) recording everything from before the gateway
/// connects until after its connection is gone. Runs at speed 0 (simulated time as fast as the host allows).
/// Also records the retained gateway status a newly arriving client gets, once while the gateway is still
/// connected after the run and once after its connection was dropped without DISCONNECT.
/// </summary>
public sealed class BrokerScenarioRun
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, Lazy<BrokerScenarioRun>> Runs = new();

    private BrokerScenarioRun(string name)
    {
        Name = name;
        (Scenario, Config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, name + ".json"), null);
        using MosquittoBroker broker = new();
        using MosquittoSubscriber subscriber = new(broker.Port, "openami/v1/#");
        subscriber.WaitUntilSubscribed(broker.Port, "openami/v1/probe", Patience);

        int statusBeforeLoss;
        using (var link = new BrokerOutageLink(new MqttNetLink("127.0.0.1", broker.Port)))
        {
            Summary = FeederEmulation.Run(Scenario, Config, 0, link);

            // The run ends when the broker has acknowledged everything; the subscriber gets its copies a moment later:
            // every envelope built, delivered or reported lost in a data_gap.
            WaitQuiet(subscriber, m => m.Where(x => x.Topic.EndsWith("/telemetry")).Select(x => x.Payload).Distinct().Count() + ReportedLost(m) >= Summary.EnvelopesBuilt);
            RetainedWhileConnected = RetainedStatus(broker.Port);
            statusBeforeLoss = subscriber.Messages.Count(m => m.Topic.EndsWith("/status"));
        }

        // Disposing the link closes its socket without DISCONNECT: the broker publishes the gateway's last will.
        WaitQuiet(subscriber, m => m.Count(x => x.Topic.EndsWith("/status")) > statusBeforeLoss);
        RetainedAfterLinkLost = RetainedStatus(broker.Port);
        Messages = subscriber.Messages.Select(m => new BrokerMessage(m.Topic, m.Qos, m.Retained, m.Payload))
            .Where(m => m.Topic != "openami/v1/probe").ToList();
    }

    public string Name { get; }

    public Scenario Scenario { get; }

    public GatewayConfig Config { get; }

    public EmulationSummary Summary { get; }

    /// <summary>Everything the independent subscriber received, in arrival order (probes left out).</summary>
    public IReadOnlyList<BrokerMessage> Messages { get; }

    public BrokerMessage RetainedWhileConnected { get; }

    public BrokerMessage RetainedAfterLinkLost { get; }

    public string Root => "openami/v1/" + Config.FeederId + "/" + Config.GatewayId;

    public DateTime StartUtc => Scenario.StartUtc;

    public DateTime EndUtc => Scenario.StartUtc.AddMilliseconds(Scenario.DurationMs);

    public static BrokerScenarioRun Of(string name) => Runs.GetOrAdd(name, n => new Lazy<BrokerScenarioRun>(() => new BrokerScenarioRun(n))).Value;

    /// <summary>QoS 1 may deliver a message twice (a re-send after a lost PUBACK): the first arrival of each payload, in order.</summary>
    public IEnumerable<BrokerMessage> FirstArrivals(string kind) =>
        Messages.Where(m => m.Kind == kind).DistinctBy(m => (m.Topic, m.Payload));

    /// <summary>A backfilled load-profile interval, not a live sweep (<see cref="IntervalEnvelopes"/>).</summary>
    public static bool IsInterval(BrokerMessage telemetry) => IntervalEnvelopes.Is(telemetry.Json);

    /// <summary>Event envelopes (first arrivals), optionally of one type.</summary>
    public IEnumerable<BrokerMessage> Events(string? type = null) =>
        FirstArrivals("event").Where(m => type == null || m.Json.GetProperty("type").GetString() == type);

    /// <summary>The data of each outbox data_gap (first arrivals) reporting lost telemetry of <paramref name="meter"/>.</summary>
    public IEnumerable<JsonElement> TelemetryGaps(string meter) =>
        OutboxGaps().Select(m => m.Json.GetProperty("data"))
            .Where(d => d.GetProperty("stream").GetString() == "telemetry" && d.GetProperty("meter").GetString() == meter);

    /// <summary>
    /// The data_gap events reporting envelopes the outbox lost (docs/northbound.md, "Gap accounting"), not the intervals
    /// a meter without a load profile left empty: only the outbox's shape has an outbox sequence range.
    /// </summary>
    public IEnumerable<BrokerMessage> OutboxGaps() => Events("data_gap").Where(m => IsOutboxGap(m.Json.GetProperty("data")));

    private static bool IsOutboxGap(JsonElement data) => data.TryGetProperty("firstSeq", out _);

    private static long ReportedLost(IReadOnlyList<(string Topic, int Qos, bool Retained, string Payload)> messages) =>
        messages.Where(x => x.Topic.EndsWith("/event") && x.Payload.Contains("\"data_gap\"")).Select(x => x.Payload).Distinct()
            .Select(p => JsonDocument.Parse(p).RootElement.GetProperty("data"))
            .Where(d => IsOutboxGap(d) && d.GetProperty("stream").GetString() == "telemetry")
            .Sum(d => d.GetProperty("count").GetInt64());

    private static void WaitQuiet(MosquittoSubscriber subscriber, Func<IReadOnlyList<(string Topic, int Qos, bool Retained, string Payload)>, bool> condition)
    {
        Assert.True(subscriber.WaitFor(condition, Patience), "the independent subscriber did not receive what the gateway published");
        int count;
        do
        {
            count = subscriber.Messages.Count;
            Thread.Sleep(300);
        }
        while (subscriber.Messages.Count != count);
    }

    /// <summary>What a client subscribing now gets on the status topic: the retained message (flag set), or fails.</summary>
    private BrokerMessage RetainedStatus(int port)
    {
        string sub = MosquittoBroker.Tool("mosquitto_sub", "/usr/bin/mosquitto_sub");
        string line = MosquittoBroker.Run(sub, "/", "-h", "127.0.0.1", "-p", port.ToString(), "-q", "1", "-t", Root + "/status", "-C", "1", "-W", "10", "-F", "%t|%q|%r|%p").Trim();
        string[] parts = line.Split('|', 4);
        return new BrokerMessage(parts[0], int.Parse(parts[1]), parts[2] == "1", parts[3]);
    }
}
