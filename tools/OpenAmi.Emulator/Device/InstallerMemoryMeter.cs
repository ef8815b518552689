using System.Security.Cryptography;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Installer;
using OpenAmi.Gateway.Config;
using OpenAmi.Installer.Config;
using OpenAmi.Installer.Http;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Site;

namespace OpenAmi.Emulator.Device;

/// <summary>
/// The installer API's memory on the host, measured like the composition (<see cref="CompositionMeter"/>): a pole of
/// <paramref name="config"/> runs <see cref="WarmupMs"/> of simulated time so every meter has readings, then the
/// board's composition of the installer (the <see cref="GatewaySite"/> attached to the app, the API with its password
/// record, configuration slot and page) is measured allocated (exact) and held after a full collection, and each read route is measured
/// allocated per request (exact, this thread) as the page's refreshes pay it: with the password already verified, so
/// through the cached check. The first login's PBKDF2 and the cached check are measured on their own too.
/// </summary>
public static class InstallerMemoryMeter
{
    /// <summary>Two simulated hours: every interval of the reference configuration has run at least once.</summary>
    public const long WarmupMs = 2 * 3600_000;

    private const string Password = "bench-installer-password";

    public sealed record Result(long PageBytes, long Allocated, long Held, long StatusBytes, long MetersBytes, long LinesBytes, long PasswordCheckBytes, long CachedCheckBytes);

    public static Result Measure(GatewayConfig config, Scenario scenario)
    {
        var clock = new SimulatedClock(scenario.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(TextWriter.Null));
        byte[] page = FeederWeb.Page();
        var store = world.Ports.StateStore;
        var hasher = new Pbkdf2PasswordHasher(new HostHmacSha256(), Pbkdf2PasswordHasher.Iterations);
        InstallerPassword.Provision(store, hasher, Password, new byte[InstallerPassword.SaltLength]);

        // The pole's safety thread runs meanwhile, so the held figure (the process's heap) wanders by a few KB either way;
        // what this thread allocated composing is exact and bounds what the composition can hold.
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var site = new GatewaySite(config, new FeederStatus(world), world.Ports.Clock);
        site.Attach(world.App);
        var api = new InstallerApi(site, InstallerPassword.Load(store, hasher), Verified(), new ConfigSlot(store, FeederWeb.ConfigFile), world.Ports.Clock, (byte[])page.Clone(), site.Events);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long held = GC.GetTotalMemory(forceFullCollection: true) - before;

        new FeederRunner(clock, () => world.Scheduler, scenario with { DurationMs = WarmupMs }, world.Apply).Run();
        world.App.Northbound.Bridge.Flush();

        var password = InstallerPassword.Load(store, hasher);
        long check = Allocated(() => password.Matches(Password));
        var verified = Verified();
        verified.Remember(Password);
        long cached = Allocated(() => verified.Holds(Password));

        // The first request of each pair verifies the password (PBKDF2) once; the measured second goes through the cache.
        long status = Allocated(() => api.Handle(Get("/api/status")));
        long meters = Allocated(() => api.Handle(Get("/api/meters")));
        long lines = Allocated(() => api.Handle(Get("/api/lines")));
        GC.KeepAlive(api);
        return new Result(page.Length, allocated, held, status, meters, lines, check, cached);
    }

    private static VerifiedPassword Verified() =>
        new(new HostHmacSha256(), RandomNumberGenerator.GetBytes(VerifiedPassword.KeyLength));

    private static InstallerRequest Get(string path) =>
        new InstallerRequest("GET", path, []).WithHeader(InstallerApi.PasswordHeader, Password);

    /// <summary>The second call's allocation: the first pays the JIT's and the runtime's one-time costs, which a board does not.</summary>
    private static long Allocated(Func<object> request)
    {
        request();
        long start = GC.GetAllocatedBytesForCurrentThread();
        var answer = request();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - start;
        GC.KeepAlive(answer);
        return allocated;
    }

    private static long Allocated(Func<bool> check) => Allocated(() => (object)check());
}
