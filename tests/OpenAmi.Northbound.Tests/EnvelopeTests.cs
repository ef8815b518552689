using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Events;
using OpenAmi.Northbound.Outbox;
using OpenAmi.Northbound.Ports;
using OpenAmi.Northbound.Status;
using OpenAmi.TestVectors;

namespace OpenAmi.Northbound.Tests;

public class EnvelopeTests
{
    /// <summary>The profile's example: tests/vectors/EnvelopeVectors.cs (source cited there), shared with the board tests.</summary>
    public const string SpecExample = EnvelopeVectors.SpecExample;

    private static readonly Topics SpecTopics = new(EnvelopeVectors.FeederId, EnvelopeVectors.GatewayId);

    public static string WriteSpecExample()
    {
        var readings = EnvelopeVectors.Readings();
        JsonWriter writer = new();
        TelemetryEnvelope.Write(writer, SpecTopics, EnvelopeVectors.MeterSerial, EnvelopeVectors.Timestamp(), readings, readings.Length,
            EnvelopeVectors.SipCallId);
        return writer.ToString();
    }

    [Fact]
    public void The_spec_example_is_reproduced_byte_for_byte_in_compact_form()
    {
        Assert.Equal(JsonParser.Parse(SpecExample).ToJson(), WriteSpecExample());
    }

    [Fact]
    public void The_schema_accepts_the_spec_example_and_what_the_writer_produces()
    {
        Schemas.AssertValid(Schemas.Telemetry, SpecExample);
        Schemas.AssertValid(Schemas.Telemetry, WriteSpecExample());
    }

    [Theory]
    [InlineData("\"quality\": \"good\"", "\"quality\": \"fine\"")] // quality outside good|suspect|comms_lost
    [InlineData("\"ts\": \"2026-06-22T14:30:00Z\"", "\"ts\": \"2026-06-22T14:30:00+02:00\"")] // not UTC
    [InlineData("\"gatewayId\": \"pole-ems-0042\",", "")] // a required member missing
    [InlineData("\"value\": 1842.5", "\"value\": null")] // value must be number|string|boolean
    [InlineData("\"unit\": \"enum\", ", "")] // unit missing from a register
    public void The_schema_is_not_vacuous(string from, string to)
    {
        Assert.Contains(from, SpecExample);
        Assert.False(Schemas.IsValid(Schemas.Telemetry, SpecExample.Replace(from, to)));
    }

    [Fact]
    public void Without_a_sip_dialog_the_envelope_omits_sipCallId_and_is_still_valid()
    {
        JsonWriter writer = new();
        EnvelopeRegister[] readings =
        [
            EnvelopeRegister.OfNumber("1.8.0", 1842.0, "kWh", Quality.Good),
            EnvelopeRegister.OfInteger("1.7.0", 230, "W", Quality.Suspect),
            EnvelopeRegister.OfFlag("96.5.0", false, "bitfield", Quality.CommsLost),
        ];
        TelemetryEnvelope.Write(writer, SpecTopics, "M1", new DateTime(2026, 1, 2, 3, 4, 5, 60), readings, 3, null);
        string json = writer.ToString();

        Assert.Equal("{\"schemaVersion\":\"0.1\",\"ts\":\"2026-01-02T03:04:05.060Z\",\"feederId\":\"feeder-north-paravur-01\","
            + "\"gatewayId\":\"pole-ems-0042\",\"meterSerial\":\"M1\",\"registers\":[{\"obis\":\"1.8.0\",\"value\":1842,\"unit\":\"kWh\",\"quality\":\"good\"},"
            + "{\"obis\":\"1.7.0\",\"value\":230,\"unit\":\"W\",\"quality\":\"suspect\"},{\"obis\":\"96.5.0\",\"value\":false,\"unit\":\"bitfield\",\"quality\":\"comms_lost\"}]}", json);
        Schemas.AssertValid(Schemas.Telemetry, json);
    }

    [Fact]
    public void Topics_follow_the_profile_layout()
    {
        // mqtt.topics of northbound-mqtt-v0.1.json with topicRoot openami/v1/{feederId}/{gatewayId}.
        Assert.Equal("openami/v1/feeder-north-paravur-01/pole-ems-0042/meter/DS1000-88421/telemetry", SpecTopics.Telemetry("DS1000-88421"));
        Assert.Equal("openami/v1/feeder-north-paravur-01/pole-ems-0042/meter/DS1000-88421/event", SpecTopics.Event("DS1000-88421"));
        Assert.Equal("openami/v1/feeder-north-paravur-01/pole-ems-0042/meter/DS1000-88421/command", SpecTopics.Command("DS1000-88421"));
        Assert.Equal("openami/v1/feeder-north-paravur-01/pole-ems-0042/meter/+/command", SpecTopics.CommandFilter);
        Assert.Equal("DS1000-88421", SpecTopics.MeterOfCommandTopic(SpecTopics.Command("DS1000-88421")));
        Assert.Null(SpecTopics.MeterOfCommandTopic("openami/v1/feeder-north-paravur-01/other/meter/X/command"));
        Assert.Null(SpecTopics.MeterOfCommandTopic("openami/v1/feeder-north-paravur-01/pole-ems-0042/meter/a/b/command"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("")]
    public void Topic_levels_with_wildcards_or_separators_are_refused(string serial)
    {
        Assert.Throws<NorthboundException>(() => SpecTopics.Telemetry(serial));
    }

    private static GapRange LostRange(string? topic)
    {
        GapLedger ledger = new(new MemoryFileStore(), "gaps");
        ledger.Add(topic, 10, 11, 2, 1, new DateTime(2026, 6, 22, 14, 15, 0).Ticks, 0);
        ledger.Add(topic, 12, 12, 1, 0, new DateTime(2026, 6, 22, 14, 30, 0).Ticks, 0);
        return ledger[0];
    }

    [Fact]
    public void A_data_gap_names_the_stream_the_meter_the_range_and_the_time_span()
    {
        // docs/northbound.md, "Events": data_gap data, members in this order.
        Assert.Equal("{\"count\":3,\"firstSeq\":10,\"lastSeq\":12,\"unconfirmed\":1,\"stream\":\"telemetry\",\"meter\":\"DS1000-88421\","
            + "\"firstTs\":\"2026-06-22T14:15:00Z\",\"lastTs\":\"2026-06-22T14:30:00Z\"}",
            EventEnvelope.DataGap(LostRange(SpecTopics.Telemetry("DS1000-88421")), SpecTopics).ToJson());
        Assert.Equal("event", EventEnvelope.DataGap(LostRange(SpecTopics.Event("M7")), SpecTopics).GetString("stream"));
        Assert.Equal("M7", EventEnvelope.DataGap(LostRange(SpecTopics.Event("M7")), SpecTopics).GetString("meter"));
        JsonNode gateway = EventEnvelope.DataGap(LostRange(SpecTopics.GatewayEvent), SpecTopics);
        Assert.Equal(("event", JsonKind.Null), (gateway.GetString("stream"), gateway.Require("meter").Kind));
        JsonNode unknown = EventEnvelope.DataGap(LostRange(null), SpecTopics);
        Assert.Equal(("unknown", JsonKind.Null), (unknown.GetString("stream"), unknown.Require("meter").Kind));
        Assert.Equal("unknown", EventEnvelope.DataGap(LostRange("openami/v1/other/g/meter/M7/telemetry"), SpecTopics).GetString("stream"));
    }

    [Fact]
    public void A_data_gap_of_missing_intervals_names_the_meter_the_range_and_the_interval_and_matches_the_schema()
    {
        // docs/northbound.md, "Events": the interval shape, members in this order. 15-minute intervals, last good
        // reading 10:07, next 11:02: empty slots 10:15, 10:30, 10:45.
        JsonNode data = EventEnvelope.IntervalGap("mill-3", new DateTime(2026, 6, 22, 10, 15, 0, DateTimeKind.Utc),
            new DateTime(2026, 6, 22, 10, 45, 0, DateTimeKind.Utc), 900, 3);
        Assert.Equal("{\"count\":3,\"stream\":\"telemetry\",\"meter\":\"mill-3\",\"firstTs\":\"2026-06-22T10:15:00Z\","
            + "\"lastTs\":\"2026-06-22T10:45:00Z\",\"intervalS\":900}", data.ToJson());

        JsonWriter writer = new();
        EventEnvelope.Write(writer, SpecTopics, "mill-3", new DateTime(2026, 6, 22, 11, 2, 0, DateTimeKind.Utc), EventTypes.DataGap, data);
        string json = writer.ToString();
        Schemas.AssertValid(Schemas.Event, json);

        // Neither shape may borrow from the other, and the interval shape has no optional member.
        Assert.False(Schemas.IsValid(Schemas.Event, json.Replace("\"intervalS\":900", "\"intervalS\":900,\"firstSeq\":1")));
        Assert.False(Schemas.IsValid(Schemas.Event, json.Replace(",\"intervalS\":900", "")));
        Assert.False(Schemas.IsValid(Schemas.Event, json.Replace("\"lastTs\":\"2026-06-22T10:45:00Z\",", "")));
        Assert.False(Schemas.IsValid(Schemas.Event, json.Replace("\"count\":3", "\"count\":0")));
        Assert.False(Schemas.IsValid(Schemas.Event, json.Replace("\"stream\":\"telemetry\"", "\"stream\":\"event\"")));
        Assert.False(Schemas.IsValid(Schemas.Event, json.Replace("\"meter\":\"mill-3\"", "\"meter\":null")));
    }

    [Fact]
    public void Event_status_and_will_payloads_match_their_schemas()
    {
        DateTime ts = new(2026, 6, 22, 14, 30, 0);
        foreach (string type in EventTypes.All)
        {
            JsonWriter writer = new();
            JsonNode data = type switch
            {
                EventTypes.DataGap => EventEnvelope.DataGap(LostRange(SpecTopics.Telemetry("DS1000-88421")), SpecTopics),
                EventTypes.CommandAck => CommandAck.Data("c1", "disconnect", AckStatus.Rejected, "expired"),
                EventTypes.GatewayFault => EventEnvelope.GatewayFault("poll rs485-1", "JsonException: NaN", 3, 7),
                EventTypes.Diagnostic => EventEnvelope.Diagnostic(DiagnosticCodes.ReplayRecordDamaged, "2026-06-22T14:30:00Z"),
                // The other kinds' data as docs/northbound.md and docs/safety.md give it.
                _ => JsonParser.Parse(type switch
                {
                    EventTypes.Tamper => "{\"flags\":[\"cover_open\"],\"rawStatus\":256}",
                    EventTypes.RcmTrip => "{\"line\":\"L1\",\"channel\":\"firmware_dsp\",\"cause\":\"highset\",\"class\":\"half_wave\",\"magnitudeMa\":39.5,\"duringProbe\":false,\"latencyMs\":20}",
                    EventTypes.RcmRestore => "{\"line\":\"L1\"}",
                    EventTypes.RcmFault => "{\"line\":\"L1\",\"fault\":\"ssr_welded\",\"measured\":0.8}",
                    EventTypes.RcmLockout => "{\"line\":\"L1\",\"reason\":\"attempt_limit\",\"attempts\":3}",
                    EventTypes.RcmSelfTest => "{\"line\":\"L1\",\"trigger\":\"reclosure\",\"gainMvPerMa\":8.03,\"offsetMa\":-0.12}",
                    EventTypes.RcmRefused => "{\"line\":\"L1\",\"source\":\"remote_reconnect\",\"reason\":\"leakage_persists\"}",
                    // docs/safety.md "Measured self-test": a gain inside the accepted 7.11–9.41 mV/mA window.
                    EventTypes.TokenAccepted => "{\"source\":\"remote\",\"requestId\":\"c1\",\"scheme\":\"openpaygo\",\"reason\":\"accepted\",\"feedback\":\"accept\",\"type\":\"add_time\",\"value\":7,\"count\":12}",
                    EventTypes.TokenRejected => "{\"source\":\"keypad\",\"requestId\":\"keypad-2\",\"scheme\":\"sts\",\"reason\":\"used\",\"feedback\":\"used\",\"stsClass\":0}",
                    EventTypes.CommsLost or EventTypes.CommsRestored => "{\"lastStatus\":\"no_response\",\"consecutiveFailures\":3}",
                    EventTypes.ZeroConsumptionWithVoltage or EventTypes.ReverseEnergy => "{\"energyKWh\":0.4,\"previousKWh\":0,\"voltageV\":229.5,\"powerW\":-310}",
                    EventTypes.ProfileMismatch => "{\"profile\":\"hiking-dds238\",\"reasons\":[\"import-000A: total disagrees\"],\"unmapped\":[\"1.8.0\"]}",
                    EventTypes.EnergyImbalance => "{\"windowS\":3600,\"headKWh\":3.4,\"customersKWh\":3.1,\"imbalanceKWh\":0.3,\"imbalancePercent\":8.8,\"allowancePercent\":8}",
                    EventTypes.ClockAdjusted => "{\"driftS\":45.25,\"action\":\"corrected\",\"clockStatus\":0}",
                    EventTypes.MeterRegistered => "{\"serial\":\"SB1-000123\",\"serialSynthetic\":false,\"profile\":\"sunbird-s1\",\"autoProfiled\":false,\"importIncludesExport\":false,\"disabledChecks\":[]}",
                    _ => throw new Xunit.Sdk.XunitException("no sample for " + type),
                }),
            };
            EventEnvelope.Write(writer, SpecTopics, "DS1000-88421", ts, type, data);
            Schemas.AssertValid(Schemas.Event, writer.ToString());
        }

        JsonWriter birth = new();
        GatewayStatus.WriteBirth(birth, SpecTopics, ts, "0.1.0", 3600, -67, 5, null);
        Assert.Equal("{\"schemaVersion\":\"0.1\",\"ts\":\"2026-06-22T14:30:00Z\",\"feederId\":\"feeder-north-paravur-01\",\"gatewayId\":\"pole-ems-0042\","
            + "\"state\":\"online\",\"firmware\":\"0.1.0\",\"uptimeS\":3600,\"signalDbm\":-67,\"outboxDepth\":5}", birth.ToString());
        Schemas.AssertValid(Schemas.Status, birth.ToString());

        // Issue 19: a signal nobody measured is written as null (docs/northbound.md "Gateway status"), not as 0 dBm.
        JsonWriter unknownSignal = new();
        GatewayStatus.WriteBirth(unknownSignal, SpecTopics, ts, "0.1.0", 3600, SignalStrength.UnknownDbm, 5, null);
        Assert.Contains(",\"signalDbm\":null,", unknownSignal.ToString());
        Schemas.AssertValid(Schemas.Status, unknownSignal.ToString());

        // A rejected configuration's errors (docs/northbound.md "Gateway status"): one string per `path: reason`.
        JsonWriter rejected = new();
        GatewayStatus.WriteBirth(rejected, SpecTopics, ts, "0.1.0", 3600, -67, 0, ["$.meters[0].bus: no bus 'rs458'", "$.safety.channels: at most 4"]);
        Assert.EndsWith(",\"outboxDepth\":0,\"configErrors\":[\"$.meters[0].bus: no bus 'rs458'\",\"$.safety.channels: at most 4\"]}", rejected.ToString());
        Schemas.AssertValid(Schemas.Status, rejected.ToString());
        Assert.False(Schemas.IsValid(Schemas.Status, rejected.ToString().Replace("\"$.safety.channels: at most 4\"", "4")));

        JsonWriter will = new();
        GatewayStatus.WriteWill(will, SpecTopics);
        Schemas.AssertValid(Schemas.Status, will.ToString());
        Assert.False(Schemas.IsValid(Schemas.Event, "{\"schemaVersion\":\"0.1\",\"ts\":\"2026-06-22T14:30:00Z\",\"feederId\":\"f\",\"gatewayId\":\"g\",\"type\":\"data_gap\",\"data\":{}}"));
    }

    [Theory]
    [InlineData("2026-06-22T14:30:00Z", 2026, 6, 22, 14, 30, 0, 0)]
    [InlineData("2024-02-29T23:59:59.5Z", 2024, 2, 29, 23, 59, 59, 500)]
    public void Iso_timestamps_parse(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, ms), IsoTime.Parse(text));
    }

    [Theory]
    [InlineData("2026-06-22T14:30:00")]
    [InlineData("2026-06-22 14:30:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2026-06-22T24:00:00Z")]
    [InlineData("2026-06-22T14:30:00+00:00")]
    public void Malformed_timestamps_are_json_errors(string text)
    {
        Assert.Throws<JsonException>(() => IsoTime.Parse(text));
    }
}
