using OpenAmi.Cli.Tests.Support;
using static OpenAmi.Cli.Tests.Dlms.DlmsCommandTests;

namespace OpenAmi.Cli.Tests.Meter;

/// <summary>
/// `--port emulator:NAME` meters check the connection options they are opened with, as a real meter does, and
/// `openami meter emulated` lists what opens each. Refusals are judged by the ACSE diagnostics of the DLMS Green Book
/// (DLMS UA 1000-2, AARE result-source-diagnostic acse-service-user: 1 no-reason-given, 12 authentication-mechanism-
/// name-required, 13 authentication-failure); a frame to another HDLC address gets no answer (IEC 62056-46).
/// </summary>
public class EmulatedMeterTests
{
    [Fact]
    public void TheListingsOptionsOpenEachEmulatedMeterAndReadItsSerial()
    {
        var listing = OpenAmiCli.Run("meter", "emulated");
        listing.AssertSucceededQuietly();
        var meters = listing.Document["meters"]!.AsArray();
        Assert.Equal(["sunbird-s1", "kestrel-p3", "optiq-e1", "dlms-generic-single-phase"], meters.Select(m => m!["name"]!.GetValue<string>()));
        Assert.Equal("high", meters[1]!["authentication"]!.GetValue<string>());
        Assert.Equal(32, meters[1]!["ek"]!.GetValue<string>().Length);

        foreach (var meter in meters)
        {
            // The serial's logical name differs per meter: 0.0.96.1.1.255 or, on optiq-e1, 0.0.96.1.0.255.
            string serialObis = meter!["name"]!.GetValue<string>() == "optiq-e1" ? "1/0.0.96.1.0.255/2" : "1/0.0.96.1.1.255/2";
            var read = OpenAmiCli.Run(["dlms", "read", "--port", meter["port"]!.GetValue<string>(),
                .. meter["readOptions"]!.GetValue<string>().Split(' '), "--obis", serialObis]);
            read.AssertSucceededQuietly();
            Assert.Equal(meter["serial"]!.GetValue<string>(), read.Document["readings"]![0]!["result"]!["value"]!.GetValue<string>());
        }
    }

    [Fact]
    public void AnHlsMeterRefusesAWrongKeyAndMissingKeysFailBeforeAnythingIsSent()
    {
        string[] wrongAk = KestrelAccess.Select(o => o == "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF" ? "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDE" : o).ToArray();
        var refused = OpenAmiCli.Run(["dlms", "read", "--port", "emulator:kestrel-p3", .. wrongAk, "--obis", "1.0.32.7.0.255"]);
        refused.AssertFailedWithOneLine();
        Assert.Contains("association rejected: result 1, diagnostic 1 (association-rejected)", refused.Err);

        var noKeys = OpenAmiCli.Run("dlms", "read", "--port", "emulator:kestrel-p3", "--client", "1", "--server", "1:291:4", "--auth", "high", "--obis", "1.0.32.7.0.255");
        noKeys.AssertFailedWithOneLine();
        Assert.Contains("(invalid-argument)", noKeys.Err);
    }

    [Fact]
    public void AnLlsMeterRefusesNoAuthenticationAndAWrongPassword()
    {
        var none = OpenAmiCli.Run("dlms", "read", "--port", "emulator:sunbird-s1", "--client", "1", "--server", "1:17", "--obis", "1.0.32.7.0.255");
        none.AssertFailedWithOneLine();
        Assert.Contains("diagnostic 12 (association-rejected)", none.Err);

        string[] wrongPassword = SunbirdAccess.Select(o => o == "00000000" ? "12345678" : o).ToArray();
        var wrong = OpenAmiCli.Run(["dlms", "read", "--port", "emulator:sunbird-s1", .. wrongPassword, "--obis", "1.0.32.7.0.255"]);
        wrong.AssertFailedWithOneLine();
        Assert.Contains("diagnostic 13 (association-rejected)", wrong.Err);
    }

    [Fact]
    public void AMeterAtAnotherAddressStaysSilent()
    {
        // kestrel-p3 answers at 1:291 (4-byte address) only; the CLI's default 1:17 reaches nobody.
        var result = OpenAmiCli.Run("dlms", "read", "--port", "emulator:kestrel-p3", "--obis", "1.0.32.7.0.255");
        result.AssertFailedWithOneLine();
        Assert.Contains("no UA to SNRM after retries: tried client 16 -> server 1:17 on emulator:kestrel-p3", result.Err);
    }
}
