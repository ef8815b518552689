using System.Security.Cryptography;
using System.Text;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Gateway.Config;
using OpenAmi.Gateway.Ports;
using OpenAmi.Installer.Config;
using OpenAmi.Installer.Http;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Site;
using OpenAmi.Platform;

namespace OpenAmi.Emulator.Installer;

/// <summary>
/// `openami emulate --web PORT`: the installer API and page over a running emulated pole, through the board's own
/// <see cref="GatewaySite"/> (re-attached after each simulated reboot). The password is provisioned into the pole's own
/// state store as on a board (salted hash), and the running configuration is put in the configuration slot first, so an
/// upload keeps it for rollback.
/// </summary>
public sealed class FeederWeb : IDisposable
{
    public const string ConfigFile = "gateway.json";
    private const string PasswordAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private readonly InstallerHttpHost _host;

    public FeederWeb(FeederWorld world, GatewayConfig config, string configJson, int port, string password)
    {
        var store = world.Ports.StateStore;
        byte[] current = Encoding.UTF8.GetBytes(configJson);
        store.Write(ConfigFile, current, 0, current.Length);
        var hashed = HostPasswordRecord.Provision(store, password);
        Site = new GatewaySite(config, new FeederStatus(world), world.Ports.Clock);
        Site.Attach(world.App);
        world.Rebooted += Site.Attach;
        // The lockout waits in real time, whatever the pole's --speed: a faster feeder must not shorten it.
        var verified = new VerifiedPassword(new HostHmacSha256(), RandomNumberGenerator.GetBytes(VerifiedPassword.KeyLength));
        Api = new InstallerApi(Site, hashed, verified, new ConfigSlot(store, ConfigFile), new RealTime(), Page(), Site.Events);
        _host = new InstallerHttpHost(Api, port);
    }

    public InstallerApi Api { get; }

    public GatewaySite Site { get; }

    /// <summary>A fresh password for a run that was given none: 14 characters from an alphabet without look-alikes.</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, 14);

    /// <summary>The page as the Installer library carries it.</summary>
    public static byte[] Page()
    {
        using var stream = typeof(InstallerApi).Assembly.GetManifestResourceStream("OpenAmi.Installer.Page.index.html")
            ?? throw new InvalidOperationException("the installer page is not embedded in OpenAmi.Installer");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => _host.Dispose();

    private sealed class RealTime : IMonotonicClock
    {
        public long NowMs => Environment.TickCount64;
    }
}
