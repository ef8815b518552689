using System.Security.Cryptography;
using System.Text;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Config;

/// <summary>
/// `openami config installer-password DIR`: the record a board checks its installer password against
/// (docs/installer.md: version byte 1, 16-byte salt, 32-byte PBKDF2-HMAC-SHA256 over 10,000 iterations), checked here
/// against .NET's own PBKDF2 (RFC 8018) as the second implementation.
/// </summary>
public sealed class InstallerPasswordTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("openami-password-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_password_read_from_standard_input_becomes_a_salted_pbkdf2_record()
    {
        const string password = "pole-17-installer";
        var result = OpenAmiCli.RunWithInput(password + "\n", "config", "installer-password", _directory);
        result.AssertSucceededQuietly();
        Assert.Equal(@"I:\installer-password", (string)result.Document["deployTo"]!);

        byte[] record = File.ReadAllBytes(Path.Combine(_directory, "installer-password"));
        Assert.Equal(1 + 16 + 32, record.Length);
        Assert.Equal(1, record[0]);
        byte[] salt = record[1..17];
        byte[] expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, 10_000, HashAlgorithmName.SHA256, 32);
        Assert.Equal(expected, record[17..]);
        Assert.DoesNotContain(password, Encoding.UTF8.GetString(record));
    }

    [Fact]
    public void Each_record_gets_its_own_salt()
    {
        string other = Directory.CreateTempSubdirectory("openami-password-").FullName;
        try
        {
            OpenAmiCli.RunWithInput("same-password-1\n", "config", "installer-password", _directory).AssertSucceeded();
            OpenAmiCli.RunWithInput("same-password-1\n", "config", "installer-password", other).AssertSucceeded();
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(_directory, "installer-password"))[1..17], File.ReadAllBytes(Path.Combine(other, "installer-password"))[1..17]);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Theory]
    [InlineData("short\n")]
    [InlineData("")]
    public void A_password_outside_10_to_64_characters_or_none_is_refused_and_nothing_is_written(string input)
    {
        var result = OpenAmiCli.RunWithInput(input, "config", "installer-password", _directory);
        result.AssertFailedWithOneLine();
        Assert.Contains("10 to 64 characters", result.Err);
        Assert.False(File.Exists(Path.Combine(_directory, "installer-password")));
    }
}
