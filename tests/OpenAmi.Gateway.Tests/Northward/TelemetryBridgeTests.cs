using System.Text;
using OpenAmi.Gateway.Northward;
using OpenAmi.Gateway.Tests.Fakes;
using OpenAmi.Gateway.Wiring;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;
using Topics = OpenAmi.Northbound.Envelope.Topics;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Tests.Northward;

/// <summary>
/// Expected payloads are written out by hand from the northbound profile v0.1 (payloadEnvelope: member order
/// schemaVersion, ts, feederId, gatewayId, meterSerial, registers[{obis, value, unit, quality}]) and the
/// event extension in docs/northbound.md.
/// </summary>
public class TelemetryBridgeTests
{
    private readonly RecordingEventSink _sink = new();
    private readonly TelemetryBridge _bridge;
    private readonly MeterRecord _a;
    private readonly MeterRecord _b;

    public TelemetryBridgeTests()
    {
        _bridge = new TelemetryBridge(new Topics("feeder-north-paravur-01", "pole-ems-0042"), _sink, new FixedWallClock(), 3);
        var profile = ProfileReader.Load(BuiltInProfiles.EastronSdm120).Profile!;
        _a = new MeterRecord(null!, 1, profile) { Serial = "DS1000-88421" };
        _b = new MeterRecord(null!, 2, profile) { Serial = "DS1000-88422" };
    }

    private static Reading Number(MeterRecord meter, string code, double value, ReadingQuality quality = ReadingQuality.Good) => new()
    {
        Meter = meter,
        Item = VmrsCatalogue.Find(code),
        ValueKind = ReadingValueKind.Number,
        Number = value,
        Quality = quality,
        UtcTicks = new DateTime(2026, 6, 22, 14, 0, 0, DateTimeKind.Utc).Ticks,
    };

    [Fact]
    public void Readings_of_one_meter_become_one_envelope_when_the_poller_moves_on()
    {
        _bridge.OnReading(Number(_a, "1.8.0", 1842.5));
        _bridge.OnReading(Number(_a, "32.7.0", 229.5, ReadingQuality.Suspect));
        Assert.Empty(_sink.Messages);

        _bridge.OnReading(Number(_b, "1.8.0", 12.25));
        _bridge.Flush();

        Assert.Equal(2, _sink.Messages.Count);
        Assert.Equal("openami/v1/feeder-north-paravur-01/pole-ems-0042/meter/DS1000-88421/telemetry", _sink.Messages[0].Topic);
        Assert.Equal(
            "{\"schemaVersion\":\"0.1\",\"ts\":\"2026-06-22T14:00:00Z\",\"feederId\":\"feeder-north-paravur-01\",\"gatewayId\":\"pole-ems-0042\"," +
            "\"meterSerial\":\"DS1000-88421\",\"registers\":[{\"obis\":\"1.8.0\",\"value\":1842.5,\"unit\":\"kWh\",\"quality\":\"good\"}," +
            "{\"obis\":\"32.7.0\",\"value\":229.5,\"unit\":\"V\",\"quality\":\"suspect\"}]}",
            _sink.Messages[0].Payload);
        Assert.EndsWith("/meter/DS1000-88422/telemetry", _sink.Messages[1].Topic);
        Assert.Equal(2, _bridge.EnvelopesPublished);
    }

    [Fact]
    public void A_full_envelope_is_published_at_once_and_flush_without_readings_publishes_nothing()
    {
        _bridge.Flush();
        foreach (var code in new[] { "1.8.0", "2.8.0", "1.7.0", "32.7.0" })
        {
            _bridge.OnReading(Number(_a, code, 1));
        }

        Assert.Single(_sink.Messages); // capacity 3
        _bridge.Flush();
        Assert.Equal(2, _sink.Messages.Count);
        Assert.Contains("\"obis\":\"32.7.0\"", _sink.Messages[1].Payload);
    }

    [Fact]
    public void A_reading_with_no_value_ever_is_counted_not_published_and_the_comms_event_carries_it()
    {
        _bridge.OnReading(new Reading { Meter = _a, Item = VmrsCatalogue.Find("1.8.0"), ValueKind = ReadingValueKind.None, Quality = ReadingQuality.CommsLost });
        _bridge.OnEvent(new CommsEvent(lost: true)
        {
            MeterSerial = "DS1000-88421",
            LastStatus = ReadStatus.NoResponse,
            ConsecutiveFailures = 1,
            UtcTicks = new DateTime(2026, 6, 22, 14, 15, 0, DateTimeKind.Utc).Ticks,
        });

        Assert.Equal(1, _bridge.ReadingsWithoutValue);
        var only = Assert.Single(_sink.Messages);
        Assert.Equal("openami/v1/feeder-north-paravur-01/pole-ems-0042/meter/DS1000-88421/event", only.Topic);
        Assert.Equal(
            "{\"schemaVersion\":\"0.1\",\"ts\":\"2026-06-22T14:15:00Z\",\"feederId\":\"feeder-north-paravur-01\",\"gatewayId\":\"pole-ems-0042\"," +
            "\"meterSerial\":\"DS1000-88421\",\"type\":\"comms_lost\",\"data\":{\"lastStatus\":\"no_response\",\"consecutiveFailures\":1}}",
            only.Payload);
    }

    [Fact]
    public void An_event_first_publishes_the_registers_gathered_before_it()
    {
        _bridge.OnReading(Number(_a, "1.8.0", 5));
        _bridge.OnEvent(new EnergyImbalanceEvent { MeterSerial = "DS1000-88421", WindowMs = 3_600_000, HeadKWh = 10, CustomersKWh = 8, ImbalanceKWh = 2, ImbalancePercent = 20, AllowancePercent = 8 });

        Assert.Equal(new[] { "telemetry", "event" }, _sink.Messages.Select(m => m.Topic[(m.Topic.LastIndexOf('/') + 1)..]));
        Assert.Contains("\"ts\":\"2026-06-22T14:30:00Z\"", _sink.Messages[1].Payload); // no UTC on the event: the gateway clock
        Assert.Contains("\"type\":\"energy_imbalance\",\"data\":{\"windowS\":3600,\"headKWh\":10,\"customersKWh\":8,\"imbalanceKWh\":2,\"imbalancePercent\":20,\"allowancePercent\":8}", _sink.Messages[1].Payload);
    }

    /// <summary>
    /// Issue 18, D1: an envelope the writer refuses (here a NaN that bypassed Metering's boundary) once made every
    /// later flush throw too, because the registers were only cleared after a successful write. One meter's bad
    /// envelope may be lost; the next meter's must still be published, exactly as if the bad one never happened.
    /// </summary>
    [Fact]
    public void An_envelope_the_writer_refuses_does_not_block_the_next_meters()
    {
        _bridge.OnReading(Number(_a, "1.8.0", double.NaN));
        Assert.ThrowsAny<Exception>(() => _bridge.Flush());

        _bridge.OnReading(Number(_b, "1.8.0", 12.25));
        _bridge.Flush();

        var only = Assert.Single(_sink.Messages);
        Assert.Equal(
            "{\"schemaVersion\":\"0.1\",\"ts\":\"2026-06-22T14:00:00Z\",\"feederId\":\"feeder-north-paravur-01\",\"gatewayId\":\"pole-ems-0042\"," +
            "\"meterSerial\":\"DS1000-88422\",\"registers\":[{\"obis\":\"1.8.0\",\"value\":12.25,\"unit\":\"kWh\",\"quality\":\"good\"}]}",
            only.Payload);
    }
}
