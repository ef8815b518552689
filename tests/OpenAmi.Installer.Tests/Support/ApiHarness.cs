using System.Security.Cryptography;
using System.Text;
using OpenAmi.Installer.Config;
using OpenAmi.Installer.Http;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Site;

namespace OpenAmi.Installer.Tests.Support;

/// <summary>An installer API over a fake site and a memory flash, with a provisioned password.</summary>
public sealed class ApiHarness
{
    public const string Password = "pole-0042-commissioning";
    public const string ConfigFile = "gateway.json";
    public static readonly byte[] Page = Encoding.UTF8.GetBytes("<!doctype html><title>t</title>");

    public ApiHarness(bool provisioned = true)
    {
        var salt = new byte[InstallerPassword.SaltLength];
        salt[0] = 0x42;
        InstallerPassword? password = provisioned ? InstallerPassword.Provision(Store, Hasher, Password, salt) : null;
        Api = Compose(password);
    }

    public FakeSite Site { get; } = new();
    public MemoryFileStore Store { get; } = new();
    public ManualClock Clock { get; } = new();
    public HmacHasher Hasher { get; } = new();
    public InstallerApi Api { get; private set; }

    /// <summary>
    /// A restart of the board: the API composed again over the same flash, the record read back and a new boot key drawn
    /// (the lockout, kept in RAM like the verified password, starts afresh too).
    /// </summary>
    public void Restart() => Api = Compose(InstallerPassword.Load(Store, Hasher));

    private InstallerApi Compose(InstallerPassword? password) =>
        new(Site, password, new VerifiedPassword(new HostHmac(), RandomNumberGenerator.GetBytes(VerifiedPassword.KeyLength)), new ConfigSlot(Store, ConfigFile), Clock, Page, new EventRing(InstallerApi.EventCapacity));

    public InstallerResponse Get(string path, string? password = Password) => Send("GET", path, null, password);

    public InstallerResponse Post(string path, string? body = null, string? password = Password) =>
        Send("POST", path, body == null ? null : Encoding.UTF8.GetBytes(body), password);

    public InstallerResponse Send(string method, string path, byte[]? body, string? password)
    {
        var request = new InstallerRequest(method, path, body);
        if (password != null)
        {
            request.WithHeader("x-installer-password", password);
        }

        return Api.Handle(request);
    }
}
