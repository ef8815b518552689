using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Installer.Http;
using OpenAmi.Installer.Site;
using OpenAmi.Installer.Tests.Support;

namespace OpenAmi.Installer.Tests;

/// <summary>
/// The installer API's routes, answers and refusals. Expected JSON is written out by hand from the route table in
/// docs/installer.md; the configuration sample is the Gateway tests' valid feeder (ids from the northbound profile's example).
/// </summary>
public class ApiTests
{
    private static JsonNode Json(InstallerResponse response) => JsonNode.Parse(response.BodyText)!;

    [Fact]
    public void The_page_needs_no_password_and_holds_no_data()
    {
        var h = new ApiHarness();
        var response = h.Get("/", password: null);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.ContentType);
        Assert.Equal(ApiHarness.Page, response.Body);
    }

    [Fact]
    public void Status_is_written_with_unknowns_as_null()
    {
        var h = new ApiHarness();
        h.Site.Status.GatewayId = "pole-ems-0042";
        h.Site.Status.Firmware = "0.9.1";
        h.Site.Status.UptimeS = 3725;
        h.Site.Status.ClockUtc = new DateTime(2026, 12, 7, 10, 0, 5, DateTimeKind.Utc);
        h.Site.Status.ClockSource = "sntp";
        h.Site.Status.SignalDbm = -71;
        h.Site.Status.Uplink = "wifi";
        h.Site.Status.Broker = "connected";
        h.Site.Status.OutboxRecords = 3;
        h.Site.Status.OutboxOldestUtc = new DateTime(2026, 12, 7, 9, 45, 0, DateTimeKind.Utc);

        var response = h.Get("/api/status");

        Assert.Equal(200, response.Status);
        Assert.Equal(InstallerResponse.JsonType, response.ContentType);
        Assert.Equal(
            "{\"gatewayId\":\"pole-ems-0042\",\"firmware\":\"0.9.1\",\"uptimeS\":3725,\"clock\":\"2026-12-07T10:00:05Z\"," +
            "\"clockSource\":\"sntp\",\"signalDbm\":-71,\"uplink\":\"wifi\",\"broker\":\"connected\",\"outboxRecords\":3," +
            "\"outboxOldest\":\"2026-12-07T09:45:00Z\",\"freeHeapBytes\":null}",
            response.BodyText);
    }

    [Fact]
    public void Meters_list_each_meter_with_its_registers()
    {
        var h = new ApiHarness();
        var meter = new MeterView { Id = "mill", Serial = "SDM120-0001", Protocol = "modbus", Profile = "eastron-sdm120", Bus = "rs485", Comms = "ok", LastReadUtc = new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc) };
        meter.Registers.Add(new RegisterView("1.8.0", "Active energy import", 1842.5, null, "kWh", "good", new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc)));
        meter.Registers.Add(new RegisterView("32.7.0", "Voltage L1", double.NaN, null, "V", "comms_lost", DateTime.MinValue));
        meter.Registers.Add(new RegisterView("0.0.1.0.0.255", "Clock", double.NaN, "2026-12-07T10:00:03Z", "datetime", "good", new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc)));
        h.Site.Meters.Add(meter);

        var response = h.Get("/api/meters");

        Assert.Equal(
            "[{\"id\":\"mill\",\"serial\":\"SDM120-0001\",\"protocol\":\"modbus\",\"profile\":\"eastron-sdm120\",\"bus\":\"rs485\",\"comms\":\"ok\"," +
            "\"lastRead\":\"2026-12-07T10:00:00Z\",\"registers\":[" +
            "{\"code\":\"1.8.0\",\"name\":\"Active energy import\",\"value\":1842.5,\"unit\":\"kWh\",\"quality\":\"good\",\"read\":\"2026-12-07T10:00:00Z\"}," +
            "{\"code\":\"32.7.0\",\"name\":\"Voltage L1\",\"value\":null,\"unit\":\"V\",\"quality\":\"comms_lost\",\"read\":null}," +
            "{\"code\":\"0.0.1.0.0.255\",\"name\":\"Clock\",\"value\":\"2026-12-07T10:00:03Z\",\"unit\":\"datetime\",\"quality\":\"good\",\"read\":\"2026-12-07T10:00:00Z\"}]}]",
            response.BodyText);
    }

    [Fact]
    public void Lines_show_the_last_trip_with_cause_and_magnitude()
    {
        var h = new ApiHarness();
        h.Site.Lines.Add(new LineView { Line = 0, Channel = "L1", State = "tripped", LastTripCause = "ac_leakage", LastTripMilliamps = 42.5, LastTripUtc = new DateTime(2026, 12, 7, 3, 12, 0, DateTimeKind.Utc), LockedOut = false, LastSelfTest = "passed", LastSelfTestUtc = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc) });
        h.Site.Lines.Add(new LineView { Line = 1, Channel = "L2", State = "on" });

        var response = h.Get("/api/lines");

        Assert.Equal(
            "[{\"line\":0,\"channel\":\"L1\",\"state\":\"tripped\",\"lastTrip\":{\"cause\":\"ac_leakage\",\"milliamps\":42.5,\"at\":\"2026-12-07T03:12:00Z\"}," +
            "\"lockedOut\":false,\"lastSelfTest\":\"passed\",\"lastSelfTestAt\":\"2026-12-07T00:00:00Z\"}," +
            "{\"line\":1,\"channel\":\"L2\",\"state\":\"on\",\"lastTrip\":null,\"lockedOut\":false,\"lastSelfTest\":null,\"lastSelfTestAt\":null}]",
            response.BodyText);
    }

    [Fact]
    public void Events_are_newest_first_and_bounded()
    {
        var h = new ApiHarness();
        var start = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < InstallerApi.EventCapacity + 5; i++)
        {
            h.Api.Events.Add(start.AddMinutes(i), "registration", "event " + i);
        }

        var events = Json(h.Get("/api/events")).AsArray();

        Assert.Equal(InstallerApi.EventCapacity, events.Count);
        Assert.Equal("event " + (InstallerApi.EventCapacity + 4), (string)events[0]!["detail"]!);
        Assert.Equal("event 5", (string)events[^1]!["detail"]!);
        Assert.Equal("2026-12-07T00:05:00Z", (string)events[^1]!["at"]!);
    }

    [Fact]
    public void Read_now_queues_reads_of_the_named_meter()
    {
        var h = new ApiHarness();
        var meter = new MeterView { Id = "shop" };
        meter.Registers.Add(new RegisterView("1.8.0", "Active energy import", 1, null, "kWh", "good", DateTime.MinValue));
        h.Site.Meters.Add(meter);

        var response = h.Post("/api/meters/shop/read");

        Assert.Equal(202, response.Status);
        Assert.Equal("{\"accepted\":true,\"reads\":1}", response.BodyText);
        Assert.Equal(new[] { "read shop" }, h.Site.Actions);
        Assert.Equal("unknown_meter", (string)Json(h.Post("/api/meters/nope/read"))["error"]!);
    }

    [Fact]
    public void Scan_clock_check_and_self_test_reach_the_gateway()
    {
        var h = new ApiHarness();
        h.Site.Lines.Add(new LineView { Line = 1, Channel = "L2", State = "on" });

        Assert.Equal(202, h.Post("/api/buses/rs485/scan").Status);
        Assert.Equal(404, h.Post("/api/buses/can/scan").Status);
        Assert.Equal(202, h.Post("/api/clocks/check").Status);
        Assert.Equal(202, h.Post("/api/lines/1/self-test").Status);
        Assert.Equal(404, h.Post("/api/lines/7/self-test").Status);
        Assert.Equal("bad_line", (string)Json(h.Post("/api/lines/x1/self-test"))["error"]!);
        Assert.Equal(new[] { "scan rs485", "scan can", "clocks", "self-test 1", "self-test 7" }, h.Site.Actions);
    }

    [Theory]
    [InlineData("reconnect")]
    [InlineData("energise")]
    [InlineData("close")]
    public void Re_energising_is_not_a_local_action(string verb)
    {
        var h = new ApiHarness();
        h.Site.Lines.Add(new LineView { Line = 0, Channel = "L1", State = "tripped" });

        var response = h.Post("/api/lines/0/" + verb);

        Assert.Equal(403, response.Status);
        Assert.Equal("not_local", (string)Json(response)["error"]!);
        Assert.Empty(h.Site.Actions);
    }

    [Theory]
    [InlineData("GET", "/api/nothing", 404, "not_found")]
    [InlineData("GET", "/favicon.ico", 404, "not_found")]
    [InlineData("POST", "/api/status", 405, "method_not_allowed")]
    [InlineData("GET", "/api/meters/shop/read", 405, "method_not_allowed")]
    [InlineData("DELETE", "/", 405, "method_not_allowed")]
    public void Unknown_routes_and_methods_get_typed_errors(string method, string path, int status, string code)
    {
        var h = new ApiHarness();
        var response = h.Send(method, path, null, ApiHarness.Password);
        Assert.Equal(status, response.Status);
        Assert.Equal(code, (string)Json(response)["error"]!);
    }

    [Fact]
    public void Oversized_bodies_and_paths_are_refused_before_anything_runs()
    {
        var h = new ApiHarness();
        var body = new byte[InstallerApi.MaxBodyBytes + 1];
        var response = h.Send("POST", "/api/config", body, ApiHarness.Password);
        Assert.Equal(413, response.Status);
        Assert.Equal("body_too_large", (string)Json(response)["error"]!);
        Assert.DoesNotContain(h.Store.Files.Keys, k => k.StartsWith(ApiHarness.ConfigFile));

        Assert.Equal(414, h.Get("/api/" + new string('a', InstallerApi.MaxPathLength)).Status);
    }

    [Fact]
    public void Every_api_route_needs_the_password()
    {
        var h = new ApiHarness();
        foreach (string path in new[] { "/api/status", "/api/meters", "/api/lines", "/api/events" })
        {
            var response = h.Get(path, password: null);
            Assert.Equal(401, response.Status);
            Assert.Equal("password_required", (string)Json(response)["error"]!);
        }

        Assert.Equal(401, h.Post("/api/clocks/check", password: "not-the-password").Status);
        Assert.Equal(401, h.Post("/api/config", ConfigSamples.Valid, password: null).Status);
        Assert.Empty(h.Site.Actions);
    }

    [Fact]
    public void A_board_without_a_provisioned_password_answers_no_api_request()
    {
        var h = new ApiHarness(provisioned: false);
        var response = h.Get("/api/status", password: "");
        Assert.Equal(503, response.Status);
        Assert.Equal("no_password", (string)Json(response)["error"]!);
    }

    [Fact]
    public void Repeated_wrong_passwords_lock_out_even_the_right_one_until_the_wait_ends()
    {
        var h = new ApiHarness();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal("bad_password", (string)Json(h.Get("/api/status", password: "guess-" + i))["error"]!);
        }

        var locked = h.Get("/api/status", password: "guess-6");
        Assert.Equal(429, locked.Status);
        Assert.Equal("too many wrong passwords; try again in 60 s", (string)Json(locked)["message"]!);
        Assert.Equal(429, h.Get("/api/status").Status);

        h.Clock.NowMs += 60000;
        Assert.Equal(200, h.Get("/api/status").Status);
        Assert.Equal(0, h.Api.Guard.WrongInARow);
    }

    [Fact]
    public void A_missing_password_does_not_count_towards_the_lockout()
    {
        var h = new ApiHarness();
        for (int i = 0; i < 10; i++)
        {
            h.Get("/api/status", password: null);
        }

        Assert.Equal(200, h.Get("/api/status").Status);
    }
}
