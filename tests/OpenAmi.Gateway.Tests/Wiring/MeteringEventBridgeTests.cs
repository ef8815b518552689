using System.Text;
using System.Text.Json;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.Ports;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;
using Topics = OpenAmi.Northbound.Envelope.Topics;

namespace OpenAmi.Gateway.Tests.Wiring;

/// <summary>Registration and clock events through the bridge, against docs/northbound.md ("Events") and docs/gateway.md ("Metering").</summary>
public class MeteringEventBridgeTests
{
    private sealed class RecordingSink : IEventSink
    {
        public readonly List<(string Topic, JsonElement Payload)> Messages = new();

        public void Emit(string topic, byte[] payload, int offset, int count) =>
            Messages.Add((topic, JsonDocument.Parse(Encoding.UTF8.GetString(payload, offset, count)).RootElement.Clone()));
    }

    private sealed class FixedClock : IClock
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
        Assert.Equal("{\"serial\":\"hiking-dds238@3\",\"serialSynthetic\":true,\"profile\":\"hiking-dds238\",\"autoProfiled\":false}",
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
