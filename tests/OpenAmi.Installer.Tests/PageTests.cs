using System.Text;
using OpenAmi.Installer.Http;
using Xunit.Abstractions;

namespace OpenAmi.Installer.Tests;

/// <summary>
/// The page as the library carries it. Its budget is 16 KiB, a small share of the board's 256 KB LittleFS that also
/// holds the configuration, certificates and the outbox (docs/installer.md); the size is printed for the device cost figures.
/// </summary>
public class PageTests(ITestOutputHelper output)
{
    public const int BudgetBytes = 16 * 1024;

    private static byte[] Page()
    {
        using var stream = typeof(InstallerApi).Assembly.GetManifestResourceStream("OpenAmi.Installer.Page.index.html")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void The_page_fits_its_flash_budget()
    {
        byte[] page = Page();
        output.WriteLine($"installer page: {page.Length} bytes of {BudgetBytes}");
        Assert.InRange(page.Length, 1, BudgetBytes);
    }

    [Fact]
    public void The_page_asks_only_for_routes_the_api_has()
    {
        string text = Encoding.UTF8.GetString(Page());
        foreach (string route in new[] { "\"status\"", "\"lines\"", "\"meters\"", "\"events\"", "\"config\"", "\"clocks/check\"", "/self-test\"", "/read\"" })
        {
            Assert.Contains(route, text);
        }

        Assert.DoesNotContain("reconnect", text);
        Assert.DoesNotContain("http://", text);
        Assert.DoesNotContain("https://", text);
    }
}
