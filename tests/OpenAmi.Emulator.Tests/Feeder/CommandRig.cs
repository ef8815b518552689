using System.Text.Json.Nodes;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// The shipped mixed feeder (tools/scenarios/feeder-mixed.json) in simulated time, with what the gateway publishes
/// read back as JSON and the simulated head-end sending real signed commands through the line broker.
/// </summary>
internal sealed class CommandRig : IDisposable
{
    public static readonly DateTime Start = new(2026, 6, 22, 6, 0, 0, DateTimeKind.Utc);

    private readonly List<(string Topic, JsonNode Payload)> _messages = [];

    /// <param name="link">A real broker's link; by default the line broker, whose messages <see cref="Messages"/> collects.</param>
    /// <param name="configure">Changes to the feeder's configuration JSON before it is loaded.</param>
    public CommandRig(IFeederBroker? link = null, Action<JsonObject>? configure = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenarioFiles.Directory, "feeder-mixed.json")))!.AsObject();
        configure?.Invoke(json);
        var loaded = ConfigReader.Load(json.ToJsonString(), null);
        Assert.True(loaded.IsValid);
        Config = loaded.Config;
        Clock = new SimulatedClock(Start, 0);
        Link = link ?? new LineBrokerLink(TextWriter.Null);
        if (Link is LineBrokerLink line)
        {
            line.Forwarded += (topic, payload) => _messages.Add((topic, JsonNode.Parse(payload)!));
        }

        World = new FeederWorld(Config, Clock, Link);

        // Registration of every meter and the first sweep (the optical meter signs on at 300 Bd).
        RunFor(60_000);
    }

    public GatewayConfig Config { get; }

    public SimulatedClock Clock { get; }

    public IFeederBroker Link { get; }

    public LineBrokerLink Broker => (LineBrokerLink)Link;

    public FeederWorld World { get; }

    public SimulatedHeadEnd HeadEnd => World.HeadEnd;

    public IReadOnlyList<(string Topic, JsonNode Payload)> Messages => _messages;

    /// <summary>Runs the gateway's scheduler for <paramref name="ms"/> of simulated time.</summary>
    public void RunFor(long ms)
    {
        long end = Clock.NowMs + ms;
        while (Clock.NowMs <= end)
        {
            if (World.Scheduler.RunNext())
            {
                continue;
            }

            long due = World.Scheduler.NextDueMs;
            Clock.WaitUntil(Math.Min(due, end + 1));
        }
    }

    /// <summary>Event payloads of <paramref name="type"/> on the meter's event topic, in order.</summary>
    public List<JsonNode> Events(string meter, string type) => _messages
        .Where(m => m.Topic == $"openami/v1/{Config.FeederId}/{Config.GatewayId}/meter/{meter}/event" && (string?)m.Payload["type"] == type)
        .Select(m => m.Payload).ToList();

    /// <summary>The command_ack data objects of command <paramref name="id"/>, in order.</summary>
    public List<(string Status, string? Reason)> Acks(string id) => _messages
        .Where(m => (string?)m.Payload["type"] == "command_ack" && (string?)m.Payload["data"]!["commandId"] == id)
        .Select(m => ((string)m.Payload["data"]!["status"]!, (string?)m.Payload["data"]!["reason"])).ToList();

    /// <summary>Sends a command through the head-end and lets the gateway's command lane run.</summary>
    public List<(string Status, string? Reason)> Command(string meter, string type, JsonObject parameters)
    {
        string id = HeadEnd.Send(meter, type, parameters);
        RunFor(2000);
        return Acks(id);
    }

    /// <summary>The telemetry payloads of a meter, in order.</summary>
    public List<JsonNode> Telemetry(string meter) => _messages
        .Where(m => m.Topic == $"openami/v1/{Config.FeederId}/{Config.GatewayId}/meter/{meter}/telemetry")
        .Select(m => m.Payload).ToList();

    public void Dispose() => World.Dispose();
}
