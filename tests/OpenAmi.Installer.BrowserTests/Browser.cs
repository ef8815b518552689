using Microsoft.Playwright;

namespace OpenAmi.Installer.BrowserTests;

/// <summary>
/// One headless Debian chromium for the test class, driven by Playwright. No browser is ever downloaded: the
/// executable is the system's (tools/scripts/install-deps.sh installs it).
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Instance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException("Debian's chromium is needed (apt-get install chromium; tools/scripts/install-deps.sh)", ChromiumPath);
        }

        _playwright = await Playwright.CreateAsync();
        // --no-sandbox: the test command runs as root in CI containers, where chromium's sandbox cannot start.
        Instance = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (Instance != null)
        {
            await Instance.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh page at the pole's address, logged in with <paramref name="password"/> (the site shown when right).</summary>
    public async Task<IPage> Open(EmulatedPole pole, int width = 1024, string password = EmulatedPole.Password)
    {
        var context = await Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 740 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(pole.Url);
        await LogIn(page, password);
        if (password == EmulatedPole.Password)
        {
            await page.Locator("#site").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 20000 });
        }

        return page;
    }

    public static async Task LogIn(IPage page, string password)
    {
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login button");
    }

    /// <summary>Polls <paramref name="condition"/> until true or <paramref name="seconds"/> pass.</summary>
    public static async Task<bool> Eventually(Func<Task<bool>> condition, double seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return await condition();
    }
}
