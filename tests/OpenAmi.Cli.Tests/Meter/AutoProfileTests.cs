using OpenAmi.Cli.Tests.Support;
using static OpenAmi.Cli.Tests.Dlms.DlmsCommandTests;

namespace OpenAmi.Cli.Tests.Meter;

/// <summary>
/// `openami meter autoprofile` → `--output FILE` → `openami meter profile --validate FILE` accepts it, for each emulated
/// meter (no authentication, LLS, HLS-GMAC with ciphering). Serials are the ones the emulated meters' descriptions give.
/// </summary>
public sealed class AutoProfileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openami-autoprofile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("sunbird-s1", "SB1-000123")]
    [InlineData("kestrel-p3", "KP3-2024-0917")]
    [InlineData("optiq-e1", "OQ-778899")]
    public void TheWrittenProfileOfEachEmulatedMeterValidates(string meter, string serial)
    {
        string file = Path.Combine(_dir, meter + ".json");
        var auto = OpenAmiCli.Run("meter", "autoprofile", "--emulated", meter, "--output", file);
        auto.AssertSucceededQuietly();
        Assert.Equal(serial, auto.Document["serial"]!.GetValue<string>());
        Assert.True(auto.Document["valid"]!.GetValue<bool>());

        var validate = OpenAmiCli.Run("meter", "profile", "--validate", file);
        validate.AssertSucceededQuietly();
        Assert.True(validate.Document["valid"]!.GetValue<bool>(), validate.Out);
        Assert.Equal("auto-" + serial, validate.Document["profile"]!["id"]!.GetValue<string>());
        // docs/emulator.md: every emulated DLMS meter keeps a 15-minute load profile and a daily billing profile.
        var profiles = validate.Document["profile"]!["profiles"]!.AsArray()
            .Select(p => p!["logicalName"]!.GetValue<string>() + " " + p["kind"]!.GetValue<string>() + " " +
                string.Join(" ", p["columns"]!.AsArray().Select(c => c!["vmrs"]!.GetValue<string>())));
        Assert.Equal(new[] { "1-0:99.1.0*255 load 1.8.0 2.8.0 1.7.0 32.7.0", "0-0:98.1.0*255 billing 1.8.0 2.8.0" }, profiles);
    }

    [Fact]
    public void AnEmulatorPortTakesHlsKeysAndTheProfileRecordsHowToOpenTheMeter()
    {
        string file = Path.Combine(_dir, "kestrel.json");
        var auto = OpenAmiCli.Run(["meter", "autoprofile", "--port", "emulator:kestrel-p3", .. KestrelAccess, "--id", "kestrel-bench", "--output", file]);
        auto.AssertSucceededQuietly();
        var dlms = auto.Document["profile"]!["dlms"]!;
        Assert.Equal(("high", "authenticated-encrypted", 1), (dlms["authentication"]!.GetValue<string>(), dlms["security"]!.GetValue<string>(), dlms["client"]!.GetValue<int>()));
        Assert.Equal(291, auto.Document["profile"]!["address"]!.GetValue<int>());
        OpenAmiCli.Run("meter", "profile", "--validate", file).AssertSucceededQuietly();

        string[] wrongEk = KestrelAccess.Select(o => o == "000102030405060708090A0B0C0D0E0F" ? "0F0E0D0C0B0A09080706050403020100" : o).ToArray();
        var refused = OpenAmiCli.Run(["meter", "autoprofile", "--port", "emulator:kestrel-p3", .. wrongEk]);
        refused.AssertFailedWithOneLine();
        Assert.Equal(1, refused.Exit);
    }

    [Fact]
    public void EmulatedAndPortExcludeEachOther()
    {
        var both = OpenAmiCli.Run("meter", "autoprofile", "--emulated", "sunbird-s1", "--port", "emulator:sunbird-s1");
        both.AssertFailedWithOneLine();
        Assert.Equal(2, both.Exit);
    }
}
