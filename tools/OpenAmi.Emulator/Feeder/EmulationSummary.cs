using System.Text.Json.Nodes;

namespace OpenAmi.Emulator.Feeder;

/// <summary>What a run did: the figures the README promises (meters read, envelopes published, events by type).</summary>
public sealed class EmulationSummary
{
    private readonly SortedDictionary<string, long> _scenarioEvents = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _gatewayEvents = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _notWired = new(StringComparer.Ordinal);

    public string ScenarioName { get; set; } = "";

    public long SimulatedMs { get; set; }

    public double WallSeconds { get; set; }

    public int MetersRead { get; set; }

    public long Readings { get; set; }

    /// <summary>Telemetry envelopes that reached the broker (or stdout).</summary>
    public long EnvelopesPublished { get; set; }

    /// <summary>Telemetry envelopes the gateway built (all must eventually be published: no loss across outages).</summary>
    public long EnvelopesBuilt { get; set; }

    /// <summary>Of <see cref="EnvelopesBuilt"/>, the load-profile intervals the backfill published (the rest are live sweeps).</summary>
    public long IntervalEnvelopesBuilt { get; set; }

    public long MessagesPublished { get; set; }

    public int Balances { get; set; }

    /// <summary>Records still in the outbox at the end (0 unless the broker never came back).</summary>
    public long OutboxLeft { get; set; }

    /// <summary>Signed commands the simulated head-end sent.</summary>
    public int CommandsSent { get; set; }

    /// <summary>command_ack events the head-end received back, by status.</summary>
    public IReadOnlyDictionary<string, long> CommandAcks { get; set; } = new Dictionary<string, long>();

    public void ScenarioEvent(string type) => Add(_scenarioEvents, type, 1);

    public void GatewayEvent(string type, long count) => Add(_gatewayEvents, type, count);

    /// <summary>A scenario event whose library is not composed into the emulator yet: counted, not faked.</summary>
    public void NotWired(string type) => Add(_notWired, type, 1);

    public JsonObject ToJson() => new()
    {
        ["scenario"] = ScenarioName,
        ["simulatedSeconds"] = SimulatedMs / 1000.0,
        ["wallSeconds"] = Math.Round(WallSeconds, 3),
        ["metersRead"] = MetersRead,
        ["readings"] = Readings,
        ["envelopesBuilt"] = EnvelopesBuilt,
        ["intervalEnvelopesBuilt"] = IntervalEnvelopesBuilt,
        ["envelopesPublished"] = EnvelopesPublished,
        ["messagesPublished"] = MessagesPublished,
        ["energyBalances"] = Balances,
        ["outboxLeft"] = OutboxLeft,
        ["eventsByType"] = Object(_gatewayEvents),
        ["headEnd"] = new JsonObject { ["commandsSent"] = CommandsSent, ["acks"] = Object(new SortedDictionary<string, long>(CommandAcks.ToDictionary(), StringComparer.Ordinal)) },
        ["scenarioEvents"] = Object(_scenarioEvents),
        ["notWired"] = Object(_notWired),
    };

    private static JsonObject Object(SortedDictionary<string, long> counts)
    {
        var json = new JsonObject();
        foreach (var pair in counts)
        {
            json[pair.Key] = pair.Value;
        }

        return json;
    }

    private static void Add(SortedDictionary<string, long> counts, string key, long count) => counts[key] = counts.GetValueOrDefault(key) + count;
}
