using System.Text;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Tests.Support;

namespace OpenAmi.Installer.Tests;

/// <summary>
/// The installer password and the lockout. Expectations follow the rules (a per-board password kept as a
/// salted hash, no default, a keypad-like lockout) and LoginGuard's documented schedule: five free wrong attempts,
/// then 1 min, doubling.
/// </summary>
public class SecurityTests
{
    private static byte[] Salt(byte first)
    {
        var salt = new byte[InstallerPassword.SaltLength];
        salt[0] = first;
        return salt;
    }

    [Fact]
    public void The_stored_record_is_the_salt_and_the_hash_never_the_password()
    {
        var store = new MemoryFileStore();
        var hasher = new HmacHasher();
        InstallerPassword.Provision(store, hasher, ApiHarness.Password, Salt(7));

        byte[] record = store.Files[InstallerPassword.FileName];
        byte[] expectedHash = System.Security.Cryptography.HMACSHA256.HashData(Salt(7), Encoding.UTF8.GetBytes(ApiHarness.Password));
        Assert.Equal(1 + 16 + 32, record.Length);
        Assert.Equal(1, record[0]);
        Assert.Equal(Salt(7), record[1..17]);
        Assert.Equal(expectedHash, record[17..]);
        Assert.DoesNotContain(ApiHarness.Password, Encoding.Latin1.GetString(record));
    }

    [Fact]
    public void Two_boards_with_the_same_password_store_different_hashes()
    {
        var a = new MemoryFileStore();
        var b = new MemoryFileStore();
        InstallerPassword.Provision(a, new HmacHasher(), ApiHarness.Password, Salt(1));
        InstallerPassword.Provision(b, new HmacHasher(), ApiHarness.Password, Salt(2));
        Assert.NotEqual(a.Files[InstallerPassword.FileName][17..], b.Files[InstallerPassword.FileName][17..]);
    }

    [Fact]
    public void A_loaded_record_accepts_the_password_and_nothing_else()
    {
        var store = new MemoryFileStore();
        InstallerPassword.Provision(store, new HmacHasher(), ApiHarness.Password, Salt(3));
        InstallerPassword loaded = InstallerPassword.Load(store, new HmacHasher())!;

        Assert.True(loaded.Matches(ApiHarness.Password));
        Assert.False(loaded.Matches(ApiHarness.Password + "x"));
        Assert.False(loaded.Matches(ApiHarness.Password.Substring(1)));
        Assert.False(loaded.Matches(""));
        Assert.False(loaded.Matches(null));
    }

    [Fact]
    public void A_board_without_a_record_has_no_password_and_a_damaged_record_is_refused()
    {
        var store = new MemoryFileStore();
        Assert.Null(InstallerPassword.Load(store, new HmacHasher()));

        store.Files[InstallerPassword.FileName] = new byte[10];
        Assert.Throws<InstallerPasswordException>(() => InstallerPassword.Load(store, new HmacHasher()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("123456789")]
    public void A_short_password_cannot_be_provisioned(string password)
    {
        var store = new MemoryFileStore();
        Assert.Throws<InstallerPasswordException>(() => InstallerPassword.Provision(store, new HmacHasher(), password, Salt(1)));
        Assert.Empty(store.Files);
    }

    [Fact]
    public void Guard_allows_five_wrong_then_locks_one_minute_then_doubles()
    {
        var guard = new LoginGuard();
        for (int i = 0; i < 5; i++)
        {
            guard.Wrong(1000);
            Assert.False(guard.IsLocked(1000));
        }

        guard.Wrong(1000);
        Assert.True(guard.IsLocked(1000));
        Assert.Equal(60000, guard.RemainingMs(1000));
        Assert.False(guard.IsLocked(61000));

        guard.Wrong(61000);
        Assert.Equal(120000, guard.RemainingMs(61000));

        guard.Right();
        Assert.False(guard.IsLocked(61000));
        Assert.Equal(0, guard.WrongInARow);
    }
}
