using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace OpenAmi.Installer.BrowserTests;

/// <summary>The default scenario's day at 3600× (the leakage event at 10:00 comes four real seconds after start).</summary>
public sealed class FastPole : IDisposable
{
    public EmulatedPole Pole { get; } = new(3600);

    public void Dispose() => Pole.Dispose();
}

/// <summary>
/// The installer's page in Debian's chromium against the emulated pole. Expectations come from the feeder's
/// configuration file (its meters), from what the gateway published on MQTT in the same run (the trip's cause), and
/// from the configuration validator's own messages (docs/gateway.md).
/// </summary>
public class PageInBrowserTests(Browser browser, FastPole fast) : IClassFixture<Browser>, IClassFixture<FastPole>
{
    private EmulatedPole Pole => fast.Pole;

    [Fact]
    public async Task Every_emulated_meter_is_listed_with_readings()
    {
        var page = await browser.Open(Pole);
        string[] ids = Pole.Config.Meters.Select(m => m.Id).ToArray();

        bool allRead = await Browser.Eventually(async () =>
        {
            foreach (string id in ids)
            {
                var values = await page.Locator($"[data-meter=\"{id}\"] td.v").AllInnerTextsAsync();
                if (values.Count == 0 || values.All(v => v == "—"))
                {
                    return false;
                }
            }

            return true;
        }, 30);

        Assert.True(allRead, "every meter card shows readings: " + string.Join(", ", await page.Locator("[data-meter]").AllInnerTextsAsync()));
        Assert.Equal(ids, await page.Locator("[data-meter]").EvaluateAllAsync<string[]>("cards => cards.map(c => c.getAttribute('data-meter'))"));
    }

    [Fact]
    public async Task A_leakage_trip_appears_on_its_line_card_with_its_cause()
    {
        Assert.True(await Browser.Eventually(() => Task.FromResult(Pole.Published("/event").Any(p => p.GetProperty("type").GetString() == "rcm_trip")), 60), "the scenario's leakage trips a line");
        var trip = Pole.Published("/event").First(p => p.GetProperty("type").GetString() == "rcm_trip").GetProperty("data");
        string line = trip.GetProperty("line").GetString()!;
        string cause = trip.GetProperty("cause").GetString()!;

        var page = await browser.Open(Pole);
        var card = page.Locator($"[data-line=\"{line}\"]");

        Assert.True(await Browser.Eventually(async () => (await card.Locator(".trip").InnerTextAsync()).StartsWith("Last trip: " + cause + ", "), 20),
            "line card: " + await card.InnerTextAsync());
        Assert.Contains(trip.GetProperty("magnitudeMa").GetDouble() + " mA", await card.Locator(".trip").InnerTextAsync());
    }

    [Fact]
    public async Task A_bad_configuration_upload_shows_the_errors_and_changes_nothing()
    {
        var store = Pole.World.Ports.StateStore;
        byte[] before = Read(store, "gateway.json");
        var bad = JsonNode.Parse(Pole.ConfigJson)!;
        bad["meters"]![0]!["bus"] = "nope";
        bad["intervals"]!["statusS"] = 0;
        var page = await browser.Open(Pole);

        await page.FillAsync("#config", bad.ToJsonString());
        await page.ClickAsync("#upload");

        var errors = page.Locator("#configResult li");
        await errors.First.WaitForAsync(new() { Timeout = 10000 });
        var shown = await errors.AllInnerTextsAsync();
        Assert.Contains("$.meters[0].bus: no bus 'nope' in $.buses", shown);
        Assert.Contains(shown, e => e.StartsWith("$.intervals.statusS: must be between "));
        Assert.Equal(before, Read(store, "gateway.json"));
        Assert.Equal(-1, store.Length("gateway.json.previous"));
    }

    [Fact]
    public async Task The_page_fits_a_360_px_wide_screen()
    {
        var page = await browser.Open(Pole, width: 360);
        await page.Locator("[data-meter] td.v").First.WaitForAsync(new() { Timeout = 20000 });

        int scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        int fontPx = await page.EvaluateAsync<int>("parseInt(getComputedStyle(document.body).fontSize)");

        Assert.InRange(scrollWidth, 1, 360);
        Assert.True(fontPx >= 16, "body text is at least 16 px on a phone, not " + fontPx);
    }

    private static byte[] Read(OpenAmi.Storage.Ports.IFileStore store, string name)
    {
        var bytes = new byte[store.Length(name)];
        store.Read(name, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}

/// <summary>A pole in real time: nothing is read on schedule for minutes after start, so a fresh reading comes from "Read now".</summary>
public class ReadNowInBrowserTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Read_now_updates_the_meters_reading()
    {
        using var pole = new EmulatedPole(1);
        const string meter = "mill-3";
        var page = await browser.Open(pole);
        var lastRead = page.Locator($"[data-meter=\"{meter}\"] .last");
        // The page shows the newest register time so far, so a read under way still moves it. The start-up read is
        // over once the telemetry envelope carrying that time as its ts is published.
        Assert.True(await Browser.Eventually(async () => EnvelopeStamped(pole, await lastRead.InnerTextAsync()), 30), "the meter's start-up read is published");
        string first = await lastRead.InnerTextAsync();
        await Task.Delay(6000);
        await page.ReloadAsync();
        await page.Locator("#site").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Equal(first, await lastRead.InnerTextAsync());

        await page.ClickAsync($"[data-meter=\"{meter}\"] button");

        Assert.True(await Browser.Eventually(async () => await lastRead.InnerTextAsync() != first, 20), "a new reading after Read now; still " + first);
    }

    private static bool EnvelopeStamped(EmulatedPole pole, string shown) =>
        pole.Published("/telemetry").Any(p => "Last read " + p.GetProperty("ts").GetString()!.Replace("T", " ").Replace("Z", " UTC") == shown);
}

/// <summary>The password: a wrong one is refused, and after five the page is locked out, even for the right one.</summary>
public class PasswordInBrowserTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_tries_lock_out()
    {
        using var pole = new EmulatedPole(1);
        var page = await browser.Open(pole, password: "not-the-password");
        var message = page.Locator("#message");

        Assert.True(await Browser.Eventually(async () => await message.InnerTextAsync() == "wrong installer password", 10));
        Assert.True(await page.Locator("#site").IsHiddenAsync());
        for (int i = 2; i <= 5; i++)
        {
            await Browser.LogIn(page, "not-the-password-" + i);
            Assert.True(await Browser.Eventually(async () => await message.InnerTextAsync() == "wrong installer password", 10));
        }

        await Browser.LogIn(page, "not-the-password-6");
        Assert.True(await Browser.Eventually(async () => (await message.InnerTextAsync()).StartsWith("too many wrong passwords"), 10), await message.InnerTextAsync());

        await Browser.LogIn(page, EmulatedPole.Password);
        await Task.Delay(1000);
        Assert.StartsWith("too many wrong passwords", await message.InnerTextAsync());
        Assert.True(await page.Locator("#site").IsHiddenAsync());
    }
}
