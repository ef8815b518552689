using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Tests.Feeder;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;
using Topics = OpenAmi.Northbound.Envelope.Topics;

namespace OpenAmi.Emulator.Tests.EndToEnd;

/// <summary>
/// docs/schema/event-v0.1.schema.json gives each event type one fixed `data` shape. Checked against events the gateway
/// really writes — every event of the ready scenarios that publish events (tools/scenarios/README.md counts them), and
/// the metering kinds no scenario provokes, written by the gateway's own TelemetryBridge — and against wrong `data`
/// derived from those real events: a member the shape does not have, a required member dropped, a member of the wrong
/// kind, and one type's data under another type.
/// </summary>
public class EventDataSchemaTests
{
    private static readonly Lazy<IReadOnlyList<JsonObject>> ScenarioEvents = new(RunScenarios);

    private static IReadOnlyList<JsonObject> RunScenarios()
    {
        var events = new List<JsonObject>();
        foreach (string name in new[] { "default", "meter-failure", "hostile-meters", "long-outage" })
        {
            var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, name + ".json"), null);
            var output = new StringWriter();
            var clock = new SimulatedClock(scenario.StartUtc, 0);
            using (var world = new FeederWorld(config, clock, new LineBrokerLink(output)))
            {
                new FeederRunner(clock, () => world.Scheduler, scenario, world.Apply).Run();
                world.Finish();
            }

            events.AddRange(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonNode.Parse(l)!.AsObject())
                .Where(l => l["topic"]!.GetValue<string>().EndsWith("/event", StringComparison.Ordinal))
                .Select(l => l["payload"]!.AsObject()));
        }

        return events;
    }

    /// <summary>The metering kinds no ready scenario provokes, through the bridge the gateway publishes them with.</summary>
    private static IReadOnlyList<JsonObject> BridgeEvents()
    {
        var sink = new RecordingSink();
        var bridge = new TelemetryBridge(new Topics("feeder-demo-01", "pole-0001"), sink, new FixedClock(), 8);
        bridge.OnEvent(new TamperEvent { MeterSerial = "KP3-2024-0917", Flags = new[] { "cover_open" }, RawStatus = 0x0100 });
        bridge.OnEvent(new TheftSuspicionEvent(MeteringEventKind.ReverseEnergy) { MeterSerial = "shop-2", EnergyKWh = 0.42, PreviousKWh = 0, VoltageV = 229.5, PowerW = -310 });
        bridge.OnEvent(new TheftSuspicionEvent(MeteringEventKind.ZeroConsumption) { MeterSerial = "mill-3", EnergyKWh = 0, PreviousKWh = 1.25, VoltageV = 231, PowerW = 0 });
        bridge.OnEvent(new ProfileMismatchEvent
        {
            MeterSerial = "kiosk-6", ProfileId = "hiking-dds238", Reasons = new[] { "import-000A: the total register disagrees" }, Unmapped = new[] { "1.8.0" },
        });
        bridge.OnEvent(new ClockDriftEvent { MeterSerial = "head-12000001", DriftSeconds = double.NaN, Action = ClockAction.WriteFailed, ClockStatus = 0xFF });
        return sink.Events;
    }

    [Fact]
    public void Every_event_the_scenarios_publish_matches_the_data_shape_of_its_type()
    {
        var events = ScenarioEvents.Value;
        foreach (var e in events)
        {
            Schemas.AssertValid(Schemas.Event, e.ToJsonString());
        }

        // The kinds tools/scenarios/README.md lists for these four scenarios: a schema the runs never reach proves nothing.
        var types = events.Select(e => e["type"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "meter_registered", "comms_lost", "comms_restored", "energy_imbalance", "rcm_trip", "rcm_refused", "rcm_restore",
            "command_ack", "token_accepted", "clock_adjusted", "data_gap",
        }, types);
    }

    [Fact]
    public void The_metering_kinds_no_scenario_provokes_match_their_shapes_too()
    {
        var events = BridgeEvents();
        Assert.Equal(new[] { "tamper", "reverse_energy", "zero_consumption_with_voltage", "profile_mismatch", "clock_adjusted" },
            events.Select(e => e["type"]!.GetValue<string>()));
        foreach (var e in events)
        {
            Schemas.AssertValid(Schemas.Event, e.ToJsonString());
        }

        // A meter that flags its clock invalid has no drift: the member is left out, not written as NaN.
        Assert.Equal("{\"action\":\"write_failed\",\"clockStatus\":255}", events[4]["data"]!.ToJsonString());
    }

    [Fact]
    public void Wrong_data_under_a_real_event_is_rejected()
    {
        var originals = ScenarioEvents.Value.Concat(BridgeEvents())
            .GroupBy(e => e["type"]!.GetValue<string>()).Select(g => g.First()).ToList();
        Assert.True(originals.Count >= 15, "too few kinds to judge: " + originals.Count);
        foreach (var original in originals)
        {
            string type = original["type"]!.GetValue<string>();
            var data = original["data"]!.AsObject();

            AssertRejected(original, d => d["unexpected"] = 1, $"{type}: an unknown member");
            foreach (string member in data.Select(m => m.Key).Where(m => !Optional.Contains(type + "." + m)))
            {
                AssertRejected(original, d => d.Remove(member), $"{type}: without '{member}'");
            }

            AssertRejected(original, d => d[d.First().Key] = new JsonObject(), $"{type}: '{data.First().Key}' as an object");

            // Another kind's data under this type (command_ack's members are unlike every other kind's).
            var other = originals.First(o => o["type"]!.GetValue<string>() != type && !SameShape(type, o["type"]!.GetValue<string>()));
            var swapped = original.DeepClone().AsObject();
            swapped["data"] = other["data"]!.DeepClone();
            Assert.False(Schemas.IsValid(Schemas.Event, swapped.ToJsonString()), $"{type} with {other["type"]}'s data was accepted");
        }
    }

    /// <summary>
    /// The members docs/northbound.md and docs/safety.md mark as present only sometimes (OpenPAYGO's type/value/count
    /// and data_gap's firstTs/lastTs come together or not at all, so dropping one alone is wrong).
    /// </summary>
    private static readonly HashSet<string> Optional =
    [
        "command_ack.reason", "clock_adjusted.driftS", "rcm_trip.latencyMs", "meter_registered.firmware", "meter_registered.variant",
        "token_accepted.stsClass", "token_rejected.stsClass",
    ];

    /// <summary>Kinds that share one data shape on purpose (lost/restored, accepted/rejected, the two theft checks).</summary>
    private static bool SameShape(string a, string b) => Family(a) == Family(b);

    private static string Family(string type) => type switch
    {
        "reverse_energy" or "zero_consumption_with_voltage" => "theft",
        _ => type[..(type.IndexOf('_') < 0 ? type.Length : type.IndexOf('_'))] is "comms" or "token" ? type[..type.IndexOf('_')] : type,
    };

    private static void AssertRejected(JsonObject original, Action<JsonObject> spoil, string what)
    {
        var copy = original.DeepClone().AsObject();
        spoil(copy["data"]!.AsObject());
        Assert.False(Schemas.IsValid(Schemas.Event, copy.ToJsonString()), what + " was accepted: " + copy.ToJsonString());
    }

    private sealed class RecordingSink : IEventSink
    {
        public readonly List<JsonObject> Events = new();

        public void Emit(string topic, byte[] payload, int offset, int count) =>
            Events.Add(JsonNode.Parse(Encoding.UTF8.GetString(payload, offset, count))!.AsObject());
    }

    private sealed class FixedClock : IWallClock
    {
        public DateTime UtcNow => new(2026, 6, 22, 14, 30, 0, DateTimeKind.Utc);

        public bool IsSynchronized => true;
    }
}
