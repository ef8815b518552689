using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Installer;
using OpenAmi.Emulator.Tests.Feeder;
using OpenAmi.Emulator.Tests.Net;
using OpenAmi.Installer.Security;

namespace OpenAmi.Emulator.Tests.Installer;

/// <summary>
/// `openami emulate --web`'s composition over HTTP: the default scenario's feeder (tools/scenarios/default.json) run to
/// just after its earth-leakage event, with the installer API on a loopback port. Expectations come from the other
/// side of the broker: the stdout message lines the same run published, read by System.Text.Json.
/// </summary>
public sealed class FeederWebTests : IDisposable
{
    private const string Password = "installer-web-test";
    private const long AfterTripMs = 14400_000 + 600_000;

    private readonly StringWriter _output = new();
    private readonly SimulatedClock _clock;
    private readonly FeederWorld _world;
    private readonly FeederWeb _web;
    private readonly Scenario _scenario;
    private readonly HttpClient _http;

    public FeederWebTests()
    {
        string path = Path.Combine(ScenarioFiles.Directory, "default.json");
        var (scenario, config) = FeederEmulation.Load(path, null);
        _scenario = scenario;
        _clock = new SimulatedClock(scenario.StartUtc, 0);
        var link = new LineBrokerLink(_output);
        _world = new FeederWorld(config, _clock, link);
        int port = LoopbackPort.Free();
        _web = new FeederWeb(_world, config, File.ReadAllText(Path.Combine(ScenarioFiles.Directory, scenario.ConfigPath!)), port, Password);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        _http.DefaultRequestHeaders.Add("X-Installer-Password", Password);
        RunUntil(AfterTripMs);
    }

    private void RunUntil(long endMs) =>
        new FeederRunner(_clock, () => _world.Scheduler, _scenario with { DurationMs = endMs }, _world.Apply).Run();


    private List<JsonElement> Published(string suffix) =>
        _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Where(l => l.GetProperty("topic").GetString()!.EndsWith(suffix))
            .Select(l => l.GetProperty("payload")).ToList();

    private async Task<JsonNode> Get(string path) => JsonNode.Parse(await _http.GetStringAsync(path))!;

    [Fact]
    public async Task Every_configured_meter_is_listed_with_its_last_published_energy()
    {
        var meters = (await Get("api/meters")).AsArray();

        Assert.Equal(_world.App.Config.Meters.Select(m => m.Id), meters.Select(m => (string)m!["id"]!));
        foreach (var meter in meters)
        {
            string id = (string)meter!["id"]!;
            // The page shows what the last sweep read, not a backfilled interval's capture.
            var lastEnergy = Published("/meter/" + id + "/telemetry").Where(p => !IntervalEnvelopes.Is(p))
                .SelectMany(p => p.GetProperty("registers").EnumerateArray())
                .Last(r => r.GetProperty("obis").GetString() == "1.8.0");
            var shown = meter["registers"]!.AsArray().Single(r => (string)r!["code"]! == "1.8.0")!;
            Assert.Equal(lastEnergy.GetProperty("value").GetDouble(), (double)shown["value"]!);
            Assert.Equal(lastEnergy.GetProperty("quality").GetString(), (string)shown["quality"]!);
        }
    }

    [Fact]
    public async Task The_leakage_trip_is_on_its_line_with_the_published_cause_and_magnitude()
    {
        var trip = Published("/event").Last(p => p.GetProperty("type").GetString() == "rcm_trip").GetProperty("data");

        var line = (await Get("api/lines")).AsArray().Single(l => (string)l!["channel"]! == trip.GetProperty("line").GetString())!;

        Assert.Equal(trip.GetProperty("cause").GetString(), (string)line["lastTrip"]!["cause"]!);
        Assert.Equal(trip.GetProperty("magnitudeMa").GetDouble(), (double)line["lastTrip"]!["milliamps"]!);
        Assert.Equal("L1", (string)line["channel"]!);
    }

    [Fact]
    public async Task Read_now_over_http_publishes_a_fresh_reading_of_that_meter()
    {
        const string meter = "mill-3";
        int before = Published("/meter/" + meter + "/telemetry").Count;

        var answer = await _http.PostAsync($"api/meters/{meter}/read", null);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        // Five simulated seconds: far less than any polling interval of the feeder's configuration.
        RunUntil(_clock.NowMs + 5000);
        _world.App.Northbound.Bridge.Flush();
        RunUntil(_clock.NowMs + 1000);

        Assert.True(Published("/meter/" + meter + "/telemetry").Count > before);
    }

    [Fact]
    public async Task A_bus_scan_over_http_registers_every_meter_of_that_bus_again()
    {
        int Registrations() => Published("/event").Count(p => p.GetProperty("type").GetString() == "meter_registered");
        int before = Registrations();
        string[] onBus = _world.App.Config.Meters.Where(m => m.Bus == "rs485").Select(m => m.Id).ToArray();

        var answer = await _http.PostAsync("api/buses/rs485/scan", null);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        // A minute of simulated time: a registration is a few transactions per meter at 9600 Bd.
        RunUntil(_clock.NowMs + 60_000);

        Assert.Equal(before + onBus.Length, Registrations());
        var unknown = await _http.PostAsync("api/buses/can/scan", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_line_self_test_over_http_interrupts_an_on_line_briefly_and_it_returns_through_the_probe()
    {
        const string channel = "L2";
        var line = _world.TenantLine(channel);
        Assert.Equal("on", (string)(await Get("api/lines")).AsArray().Single(l => (string)l!["channel"]! == channel)!["state"]!);
        int closures = line.OnCommands;

        var answer = await _http.PostAsync("api/lines/1/self-test", null);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        RunUntil(_clock.NowMs + 5_000);

        Assert.Equal(closures + 1, line.OnCommands);
        Assert.Equal("on", (string)(await Get("api/lines")).AsArray().Single(l => (string)l!["channel"]! == channel)!["state"]!);
    }

    [Fact]
    public async Task Without_the_password_only_the_page_is_served()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        var page = await anonymous.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<title>OpenAMI gateway</title>", await page.Content.ReadAsStringAsync());

        var status = await anonymous.GetAsync("api/status");
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
    }

    [Fact]
    public void The_password_is_stored_hashed_in_the_poles_state_store()
    {
        var store = _world.Ports.StateStore;
        var record = new byte[store.Length(InstallerPassword.FileName)];
        store.Read(InstallerPassword.FileName, 0, record, 0, record.Length);
        Assert.Equal(49, record.Length);
        Assert.DoesNotContain(Password, Encoding.Latin1.GetString(record));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_over_http()
    {
        var answer = await _http.PostAsync("api/config", new ByteArrayContent(new byte[64 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
    }

    [Fact]
    public async Task The_lockout_waits_in_real_time_not_the_poles_simulated_time()
    {
        using var guesser = new HttpClient { BaseAddress = _http.BaseAddress };
        for (int i = 0; i < 6; i++)
        {
            using var wrong = new HttpRequestMessage(HttpMethod.Get, "api/status");
            wrong.Headers.Add("X-Installer-Password", "guess-number-" + i);
            await guesser.SendAsync(wrong);
        }

        // Two simulated minutes pass in well under a real second: the one-minute lockout must still hold.
        RunUntil(_clock.NowMs + 120_000);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await _http.GetAsync("api/status")).StatusCode);
    }

    public void Dispose()
    {
        _http.Dispose();
        _web.Dispose();
        _world.Dispose();
    }
}

/// <summary>The emulator's password hash (the product's PBKDF2 over the host's HMAC) against RFC 7914 §11's PBKDF2-HMAC-SHA256 vector (P "passwd", S "salt", c 1; first 32 of its 64 bytes).</summary>
public class HostHmacSha256Tests
{
    [Fact]
    public void Under_the_product_pbkdf2_it_matches_the_published_vector()
    {
        byte[] hash = new Pbkdf2PasswordHasher(new HostHmacSha256(), 1).Hash(Encoding.ASCII.GetBytes("salt"), Encoding.ASCII.GetBytes("passwd"));
        Assert.Equal(Convert.FromHexString("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"), hash);
    }
}
