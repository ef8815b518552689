using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Tests.Support;

namespace OpenAmi.Installer.Tests;

/// <summary>
/// The verified-password cache (docs/installer.md "Security"): PBKDF2 at most once per distinct presented password,
/// observed through the counting hasher double, while wrong passwords keep paying it and counting toward LoginGuard's
/// documented lockout (five free, then one minute). Allocation bounds are the issue's: PBKDF2 must not allocate per
/// round (it allocated 560,224 B per 10,000-round check before), the cached check at most a few hundred bytes.
/// </summary>
public class VerifiedPasswordTests
{
    [Fact]
    public void The_first_request_pays_pbkdf2_and_later_ones_with_the_same_password_do_not()
    {
        var h = new ApiHarness();
        int provisioned = h.Hasher.Calls;

        Assert.Equal(200, h.Get("/api/status").Status);
        Assert.Equal(provisioned + 1, h.Hasher.Calls);

        foreach (string path in new[] { "/api/status", "/api/lines", "/api/meters", "/api/events", "/api/status" })
        {
            Assert.Equal(200, h.Get(path).Status);
        }

        Assert.Equal(provisioned + 1, h.Hasher.Calls);
    }

    [Fact]
    public void A_wrong_password_after_a_good_one_is_refused_pays_pbkdf2_counts_and_clears_the_cache()
    {
        var h = new ApiHarness();
        Assert.Equal(200, h.Get("/api/status").Status);
        int verified = h.Hasher.Calls;

        var wrong = h.Get("/api/status", password: ApiHarness.Password + "!");
        Assert.Equal(401, wrong.Status);
        Assert.Equal(1, h.Api.Guard.WrongInARow);
        Assert.Equal(verified + 1, h.Hasher.Calls);

        // The right password again is derived again: the different one made the API forget the verified one.
        Assert.Equal(200, h.Get("/api/status").Status);
        Assert.Equal(verified + 2, h.Hasher.Calls);
        Assert.Equal(0, h.Api.Guard.WrongInARow);
    }

    [Fact]
    public void Guesses_after_a_good_login_lock_out_as_before_and_the_lockout_clears_the_cache()
    {
        var h = new ApiHarness();
        Assert.Equal(200, h.Get("/api/status").Status);
        int verified = h.Hasher.Calls;

        for (int i = 1; i <= LoginGuard.FreeAttempts; i++)
        {
            Assert.Equal(401, h.Get("/api/status", password: "guess-" + i).Status);
        }

        Assert.Equal(429, h.Get("/api/status", password: "guess-6").Status);
        Assert.Equal(verified + LoginGuard.FreeAttempts + 1, h.Hasher.Calls);

        // While locked even the right password is refused, without a derivation.
        Assert.Equal(429, h.Get("/api/status").Status);
        Assert.Equal(verified + LoginGuard.FreeAttempts + 1, h.Hasher.Calls);

        h.Clock.NowMs += LoginGuard.FirstWaitMs;
        Assert.Equal(200, h.Get("/api/status").Status);
        Assert.Equal(verified + LoginGuard.FreeAttempts + 2, h.Hasher.Calls);
    }

    [Fact]
    public void A_restart_forgets_the_verified_password()
    {
        var h = new ApiHarness();
        Assert.Equal(200, h.Get("/api/status").Status);
        int verified = h.Hasher.Calls;

        h.Restart();
        Assert.Equal(200, h.Get("/api/status").Status);
        Assert.Equal(verified + 1, h.Hasher.Calls);
        Assert.Equal(200, h.Get("/api/status").Status);
        Assert.Equal(verified + 1, h.Hasher.Calls);
    }

    [Fact]
    public void The_cache_holds_only_the_remembered_password_under_the_boot_key_until_forgotten()
    {
        byte[] bootKey = RandomNumberGenerator.GetBytes(VerifiedPassword.KeyLength);
        var mac = new HostHmac();
        var verified = new VerifiedPassword(mac, bootKey);
        Assert.Equal(bootKey, mac.Key);
        Assert.False(verified.Holds(ApiHarness.Password));

        verified.Remember(ApiHarness.Password);
        Assert.True(verified.Holds(ApiHarness.Password));
        Assert.False(verified.Holds(ApiHarness.Password + "x"));
        Assert.False(verified.Holds(ApiHarness.Password.Substring(1)));
        Assert.False(verified.Holds(""));
        Assert.False(verified.Holds(null));

        verified.Forget();
        Assert.False(verified.Holds(ApiHarness.Password));
    }

    [Fact]
    public void A_boot_key_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new VerifiedPassword(new HostHmac(), new byte[16]));
        Assert.Throws<ArgumentException>(() => new VerifiedPassword(new HostHmac(), null!));
    }

    [Fact]
    public void The_compare_finds_a_difference_in_any_byte_and_in_the_length()
    {
        byte[] reference = RandomNumberGenerator.GetBytes(32);
        Assert.True(ConstantTime.Equal(reference, (byte[])reference.Clone()));
        for (int i = 0; i < reference.Length; i++)
        {
            var other = (byte[])reference.Clone();
            other[i] ^= 0x80;
            Assert.False(ConstantTime.Equal(reference, other));
        }

        Assert.False(ConstantTime.Equal(reference, reference[..31]));
        Assert.False(ConstantTime.Equal(reference[..31], reference));
    }

    [Fact]
    public void The_compare_takes_as_long_for_a_first_byte_difference_as_for_a_last_byte_one()
    {
        // 4 KiB arrays make an early exit stand out by three orders of magnitude; the bound only absorbs host noise.
        byte[] reference = RandomNumberGenerator.GetBytes(4096);
        var first = (byte[])reference.Clone();
        first[0] ^= 1;
        var last = (byte[])reference.Clone();
        last[^1] ^= 1;

        double firstNs = FastestNs(reference, first);
        double lastNs = FastestNs(reference, last);
        Assert.InRange(firstNs / lastNs, 1 / 3.0, 3.0);
    }

    [Fact]
    public void Pbkdf2_reuses_its_buffers_instead_of_allocating_per_round()
    {
        var hasher = new Pbkdf2PasswordHasher(new HostHmac(), Pbkdf2PasswordHasher.Iterations);
        byte[] salt = new byte[InstallerPassword.SaltLength];
        byte[] password = Encoding.UTF8.GetBytes(ApiHarness.Password);
        hasher.Hash(salt, password);

        long before = GC.GetAllocatedBytesForCurrentThread();
        hasher.Hash(salt, password);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 10,000 rounds: even 8 bytes per round would be 80,000 B.
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void The_cached_check_allocates_a_few_hundred_bytes_at_most()
    {
        var verified = new VerifiedPassword(new HostHmac(), RandomNumberGenerator.GetBytes(VerifiedPassword.KeyLength));
        verified.Remember(ApiHarness.Password);
        verified.Holds(ApiHarness.Password);

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool held = verified.Holds(ApiHarness.Password);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(held);
        Assert.InRange(allocated, 0, 300);
    }

    private static double FastestNs(byte[] a, byte[] b)
    {
        const int Calls = 2000;
        double fastest = double.MaxValue;
        for (int round = 0; round < 15; round++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < Calls; i++)
            {
                ConstantTime.Equal(a, b);
            }

            double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / Calls;
            fastest = Math.Min(fastest, ns);
        }

        return fastest;
    }
}
