using System.Collections;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Gateway.Tests.Config;

public class DlmsSecretTableTests
{
    // Keys of the DLMS UA Green Book's ciphering examples (DLMS UA 1000-2 Ed. 10, §9.2.7.2.4.1): EK 000102…0F, AK D0D1…DF.
    private const string Ek = "000102030405060708090A0B0C0D0E0F";
    private const string Ak = "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF";

    [Fact]
    public void Secrets_are_found_by_their_reference_with_every_member_decoded()
    {
        var errors = new ArrayList();
        string json = $$"""{ "systemTitleHex": "4F414D0000000042", "secrets": { "kestrel-hls": { "blockCipherKeyHex": "{{Ek}}", "authenticationKeyHex": "{{Ak}}" }, "sunbird-lls": { "passwordHex": "3132333435363738" } } }""";

        var table = DlmsSecretTable.Load(json, errors)!;

        Assert.Empty(errors);
        Assert.Equal(2, table.Count);
        Assert.Equal(Convert.FromHexString(Ek), table.Find("kestrel-hls")!.BlockCipherKey);
        Assert.Equal(Convert.FromHexString(Ak), table.Find("kestrel-hls")!.AuthenticationKey);
        Assert.Null(table.Find("kestrel-hls")!.Password);
        Assert.Equal("12345678"u8.ToArray(), table.Find("sunbird-lls")!.Password);
        Assert.Null(table.Find("unknown"));
        Assert.Equal(Convert.FromHexString("4F414D0000000042"), table.SystemTitle);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_path_and_no_table_is_returned()
    {
        var errors = new ArrayList();
        string json = """{ "secrets": { "a": { "blockCipherKeyHex": "0011", "pin": "1" }, "b": 5 }, "extra": true }""";

        Assert.Null(DlmsSecretTable.Load(json, errors));

        Assert.Equal(new[]
        {
            "$.extra: unknown member (allowed: systemTitleHex, secrets)",
            "$.secrets.a.pin: unknown member (allowed: passwordHex, blockCipherKeyHex, authenticationKeyHex)",
            "$.secrets.a.blockCipherKeyHex: must be exactly 16 bytes, not 2",
            "$.secrets.b: must be an object, not integer",
        }, errors.Cast<ConfigError>().Select(e => e.ToString()));
    }

    [Fact]
    public void Garbage_is_one_error_at_the_root()
    {
        var errors = new ArrayList();

        Assert.Null(DlmsSecretTable.Load("{\"secrets\": ", errors));

        Assert.Single(errors);
        Assert.Equal("$", ((ConfigError)errors[0]!).Path);
    }
}
