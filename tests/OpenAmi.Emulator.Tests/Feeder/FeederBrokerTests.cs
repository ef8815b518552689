using System.Text.Json;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Emulator.Tests.Mqtt;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// The default scenario through a real mosquitto (tests/OpenAmi.Emulator.Tests/Mqtt fixtures), checked by an
/// independent subscriber (mosquitto_sub): every envelope the gateway built arrives, in order per meter, across
/// the scenario's broker outage, and the outage shows as the last will "offline" followed by a new birth.
/// </summary>
public class FeederBrokerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_default_scenario_reaches_an_independent_subscriber_without_loss()
    {
        using MosquittoBroker broker = new();
        using MosquittoSubscriber subscriber = new(broker.Port, "openami/v1/#");
        subscriber.WaitUntilSubscribed(broker.Port, "openami/v1/probe", Patience);

        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        EmulationSummary summary;
        using (var link = new BrokerOutageLink(new MqttNetLink("127.0.0.1", broker.Port)))
        {
            summary = FeederEmulation.Run(scenario, config, 0, link);
        }

        Assert.Equal(0, summary.OutboxLeft);
        Assert.True(subscriber.WaitFor(m => m.Where(x => x.Topic.EndsWith("/telemetry")).Select(x => x.Payload).Distinct().Count() >= summary.EnvelopesBuilt, Patience));
        // QoS 1 is at-least-once: a message in flight when the outage cut the connection is re-sent (DUP) and may
        // arrive twice. Every envelope must arrive; the first arrivals must be in order per meter, the live sweeps and
        // the backfilled load-profile intervals each in their own order (after the meter's silence its intervals follow later).
        var telemetry = subscriber.Messages.Where(m => m.Topic.EndsWith("/telemetry")).ToList();
        Assert.All(telemetry, m => Assert.Equal(1, m.Qos));
        var firstArrivals = telemetry.DistinctBy(m => m.Payload).ToList();
        Assert.Equal(summary.EnvelopesBuilt, firstArrivals.Count);
        foreach (var meter in firstArrivals.GroupBy(m => (m.Topic, IntervalEnvelopes.Is(JsonDocument.Parse(m.Payload).RootElement))))
        {
            var stamps = meter.Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("ts").GetString()!).ToList();
            Assert.Equal(stamps.OrderBy(s => s, StringComparer.Ordinal), stamps);
        }

        var states = subscriber.Messages.Where(m => m.Topic.EndsWith("/status"))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("state").GetString()).ToList();
        Assert.Equal(new[] { "online", "offline", "online" }, states.Take(3));
    }
}

/// <summary>Where the shipped scenario files live in this checkout.</summary>
internal static class ScenarioFiles
{
    public static readonly string Directory = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "scenarios");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tools/scenarios");
    }
}
