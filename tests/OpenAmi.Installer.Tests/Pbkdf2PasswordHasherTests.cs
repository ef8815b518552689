using System.Security.Cryptography;
using System.Text;
using OpenAmi.Installer.Security;
using OpenAmi.Installer.Tests.Support;

namespace OpenAmi.Installer.Tests;

/// <summary>
/// The board's password derivation, run here over the host's HMAC-SHA256: against RFC 7914 §11's published
/// PBKDF2-HMAC-SHA256 vector, and against .NET's own PBKDF2 (a second implementation) at the provisioned count.
/// </summary>
public class Pbkdf2PasswordHasherTests
{
    [Fact]
    public void Matches_the_published_pbkdf2_vector()
    {
        // RFC 7914 §11: P "passwd", S "salt", c 1, dkLen 64; the first 32 bytes are the first block.
        byte[] hash = new Pbkdf2PasswordHasher(new HostHmac(), 1).Hash(Encoding.ASCII.GetBytes("salt"), Encoding.ASCII.GetBytes("passwd"));
        Assert.Equal(Convert.FromHexString("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"), hash);
    }

    [Fact]
    public void Matches_dotnets_pbkdf2_at_the_provisioned_count()
    {
        byte[] salt = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        byte[] password = Encoding.UTF8.GetBytes("pole-17 installer");
        byte[] expected = Rfc2898DeriveBytes.Pbkdf2(password, salt, 10000, HashAlgorithmName.SHA256, InstallerPassword.HashLength);

        Assert.Equal(10000, Pbkdf2PasswordHasher.Iterations);
        Assert.Equal(expected, new Pbkdf2PasswordHasher(new HostHmac(), Pbkdf2PasswordHasher.Iterations).Hash(salt, password));
    }

    [Fact]
    public void A_record_provisioned_with_it_accepts_only_its_password()
    {
        var store = new MemoryFileStore();
        var hasher = new Pbkdf2PasswordHasher(new HostHmac(), 2);
        InstallerPassword.Provision(store, hasher, "correct horse 1", new byte[InstallerPassword.SaltLength]);

        InstallerPassword loaded = InstallerPassword.Load(store, hasher);
        Assert.True(loaded.Matches("correct horse 1"));
        Assert.False(loaded.Matches("correct horse 2"));
    }

    [Fact]
    public void Zero_iterations_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pbkdf2PasswordHasher(new HostHmac(), 0));
    }
}
