using System.Text.Json;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Tests.Fakes;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Tests.App;

/// <summary>
/// A rejected configuration reaches the head-end in the retained status (docs/northbound.md "Gateway status",
/// `configErrors`). The configurations are hand-written against docs/gateway.md; the expected error lines are the
/// reader's documented `path: reason` form for the two mistakes made on purpose (a meter on a bus that does not exist,
/// an interval below its minimum).
/// </summary>
public class RejectedConfigReportTests
{
    private const string Status = "openami/v1/feeder-north-paravur-01/pole-ems-0042/status";

    private const string Northbound = """
      "northbound": { "broker": "mqtt://127.0.0.1:1883", "insecure": true, "commandKeyHex": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" }
    """;

    private static string Config(string feederId, string northbound) => $$"""
    {
      "feederId": "{{feederId}}",
      "gatewayId": "pole-ems-0042",
      "buses": [ { "id": "rs485", "kind": "rs485", "port": "COM2", "baud": 9600 } ],
      "meters": [ { "id": "shop", "bus": "rs458", "protocol": "modbus", "address": 1, "profile": "eastron-sdm120" } ],
      "intervals": { "instantaneousS": 0 },
      {{northbound}}
    }
    """;

    private static GatewayPorts Ports(FakeLink link) => new()
    {
        Clock = new FakeClock(),
        WallClock = new FixedWallClock(),
        Info = new Info(),
        OutboxStore = new MemoryFileStore(),
        StateStore = new MemoryFileStore(),
        Mqtt = link,
    };

    [Fact]
    public void The_birth_message_carries_every_error_of_a_rejected_configuration()
    {
        var result = ConfigReader.Load(Config("feeder-north-paravur-01", Northbound), null);
        Assert.False(result.IsValid);
        Assert.Null(result.Config);
        Assert.NotNull(result.ReportingOnly);

        var link = new FakeLink { IsConnected = false };
        var report = new RejectedConfigReport(result, Ports(link));
        report.Tick(0);

        Assert.Equal(1, link.Connects);
        var (topic, payload, _, _, retain) = Assert.Single(link.Published);
        Assert.Equal(Status, topic);
        Assert.True(retain);
        var status = JsonDocument.Parse(payload).RootElement;
        Assert.Equal("online", status.GetProperty("state").GetString());
        string[] errors = status.GetProperty("configErrors").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(result.Errors.Count, errors.Length);
        Assert.Contains(errors, e => e.StartsWith("$.meters[0].bus: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.intervals.instantaneousS: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("feeder/north", null)]
    [InlineData("feeder-north-paravur-01", "\"northbound\": { \"broker\": \"ftp://127.0.0.1\", \"insecure\": true, \"commandKeyHex\": \"00\" }")]
    public void A_configuration_whose_ids_or_northbound_are_invalid_cannot_report(string feederId, string? northbound)
    {
        var result = ConfigReader.Load(Config(feederId, northbound ?? Northbound), null);
        Assert.Null(result.ReportingOnly);
        var error = Assert.Throws<GatewayCompositionException>(() => new RejectedConfigReport(result, Ports(new FakeLink())));
        Assert.Contains("cannot report", error.Message);
    }

    private sealed class Info : IGatewayInfo
    {
        public string FirmwareVersion => "0.1.0-test";

        public long UptimeSeconds => 0;

        public int SignalDbm => -70;
    }
}
