using System.Text;
using System.Text.Json;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using OpenAmi.Platform;
using Topics = OpenAmi.Northbound.Envelope.Topics;

namespace OpenAmi.Gateway.Tests.Northward;

/// <summary>Registration and clock events through the bridge, against docs/northbound.md ("Events") and docs/gateway.md ("Metering").</summary>
public class MeteringEventBridgeTests
{
    private sealed class RecordingSink : IEventSink
    {
        public readonly List<(string Topic, JsonElement Payload)> Messages = new();

        public void Emit(string topic, byte[] payload, int offset, int count) =>
            Messages.Add((topic, JsonDocument.Parse(Encoding.UTF8.GetString(payload, offset, count)).RootElement.Clone()));
    }

    private sealed class FixedClock : IWallClock
    {
        public DateTime UtcNow => new(2026, 6, 22, 14, 30, 0, DateTimeKind.Utc);

        public bool IsSynchronized => true;
    }

    private readonly RecordingSink _sink = new();
    private readonly TelemetryBridge _bridge;

    public MeteringEventBridgeTests() => _bridge = new TelemetryBridge(new Topics("feeder-demo-01", "pole-0001"), _sink, new FixedClock(), 8);

    [Fact]
    public void A_meter_registered_under_its_configured_name_carries_the_serial_it_reported()
    {
        _bridge.OnEvent(new RegistrationEvent
        {
            MeterSerial = "hiking-dds238@3", MeterName = "mill-3", SerialSynthetic = true, ProfileId = "hiking-dds238", ObjectCount = -1,
        });

        var (topic, payload) = Assert.Single(_sink.Messages);
        Assert.Equal("openami/v1/feeder-demo-01/pole-0001/meter/mill-3/event", topic);
        Assert.Equal("mill-3", payload.GetProperty("meterSerial").GetString());
        Assert.Equal("meter_registered", payload.GetProperty("type").GetString());
        Assert.Equal("{\"serial\":\"hiking-dds238@3\",\"serialSynthetic\":true,\"profile\":\"hiking-dds238\",\"autoProfiled\":false," +
            "\"importIncludesExport\":false,\"disabledChecks\":[]}",
            payload.GetProperty("data").GetRawText());
    }

    [Fact]
    public void The_layout_chosen_and_a_layout_mismatch_are_published_on_the_meter_s_configured_topic()
    {
        // Shapes from docs/northbound.md ("Events"): meter_registered carries variant, importIncludesExport and
        // disabledChecks; profile_mismatch carries profile, reasons and unmapped.
        _bridge.OnEvent(new RegistrationEvent
        {
            MeterSerial = "chint-ddsu666@2", MeterName = "shop-2", SerialSynthetic = true, ProfileId = "chint-ddsu666",
            Variant = "base", ImportIncludesExport = true, DisabledChecks = new[] { "reverse_energy" },
        });
        _bridge.OnEvent(new ProfileMismatchEvent
        {
            MeterSerial = "hiking-dds238@6", MeterName = "kiosk-6", ProfileId = "hiking-dds238",
            Reasons = new[] { "import-000A: import + export = 0 kWh but the total register reads 300 kWh" }, Unmapped = new[] { "1.8.0", "2.8.0" },
        });

        Assert.Equal(2, _sink.Messages.Count);
        var registered = _sink.Messages[0].Payload.GetProperty("data");
        Assert.Equal("base", registered.GetProperty("variant").GetString());
        Assert.True(registered.GetProperty("importIncludesExport").GetBoolean());
        Assert.Equal("[\"reverse_energy\"]", registered.GetProperty("disabledChecks").GetRawText());
        var (topic, payload) = _sink.Messages[1];
        Assert.EndsWith("/meter/kiosk-6/event", topic);
        Assert.Equal("profile_mismatch", payload.GetProperty("type").GetString());
        Assert.Equal("{\"profile\":\"hiking-dds238\",\"reasons\":[\"import-000A: import + export = 0 kWh but the total register reads 300 kWh\"],\"unmapped\":[\"1.8.0\",\"2.8.0\"]}",
            payload.GetProperty("data").GetRawText());
    }

    [Fact]
    public void A_meter_without_a_configured_name_is_published_under_its_serial()
    {
        _bridge.OnEvent(new RegistrationEvent { MeterSerial = "KP3-2024-0917", ProfileId = "kestrel-p3" });

        Assert.EndsWith("/meter/KP3-2024-0917/event", Assert.Single(_sink.Messages).Topic);
    }

    [Fact]
    public void A_clock_within_tolerance_is_not_news_a_corrected_one_is()
    {
        _bridge.OnEvent(new ClockDriftEvent { MeterSerial = "head-12000001", DriftSeconds = 0.4, Action = ClockAction.None });
        Assert.Empty(_sink.Messages);

        _bridge.OnEvent(new ClockDriftEvent { MeterSerial = "head-12000001", DriftSeconds = 45.25, Action = ClockAction.Corrected });

        var (topic, payload) = Assert.Single(_sink.Messages);
        Assert.EndsWith("/meter/head-12000001/event", topic);
        Assert.Equal("clock_adjusted", payload.GetProperty("type").GetString());
        Assert.Equal("{\"driftS\":45.25,\"action\":\"corrected\",\"clockStatus\":0}", payload.GetProperty("data").GetRawText());
    }
}
