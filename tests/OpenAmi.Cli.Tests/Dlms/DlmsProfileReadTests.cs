using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Dlms;

/// <summary>
/// `openami dlms read --profile` against the emulated meters. Expected rows are computed here from the emulated meter's
/// starting state as docs/emulator.md states it, opened with that meter's own association (an emulated meter refuses a wrong one) (clock 2026-01-15 10:30 UTC, +A 1 234 567 Wh at 415.5 W, 229.7 V): a quarter
/// before the clock holds the register at that instant at the present power, and the range bounds are inclusive.
/// </summary>
public class DlmsProfileReadTests
{
    [Fact]
    public void A_load_profile_range_prints_every_quarter_hour_scaled()
    {
        var result = OpenAmiCli.Run(["dlms", "read", "--port", "emulator:sunbird-s1", .. DlmsCommandTests.SunbirdAccess, "--profile", "1.0.99.1.0.255",
            "--from", "2026-01-15T09:45:00Z", "--to", "2026-01-15T10:30:00Z"]);
        result.AssertSucceededQuietly();

        var profile = result.Document["profile"]!;
        Assert.Equal(900, profile["capturePeriod"]!.GetValue<int>());
        Assert.Equal("1.0.1.8.0.255", profile["columns"]![1]!["obis"]!.GetValue<string>());
        Assert.Equal("Wh", profile["columns"]![1]!["unit"]!.GetValue<string>());
        var rows = profile["rows"]!.AsArray();
        Assert.Equal(new[] { "2026-01-15T09:45:00Z", "2026-01-15T10:00:00Z", "2026-01-15T10:15:00Z", "2026-01-15T10:30:00Z" },
            rows.Select(r => r![0]!["utc"]!.GetValue<string>()));
        // 1 234 567 Wh − 415.5 W × 0.75 h = 1 234 255.4 (the register holds whole Wh); 229.7 V in every row.
        Assert.Equal(new[] { 1234255.0, 1234359.0, 1234463.0, 1234567.0 }, rows.Select(r => r![1]!.GetValue<double>()));
        Assert.All(rows, r => Assert.Equal(229.7, r![3]!.GetValue<double>(), 6));
    }

    [Fact]
    public void The_newest_entries_of_the_billing_profile_are_the_last_midnights()
    {
        var result = OpenAmiCli.Run(["dlms", "read", "--port", "emulator:sunbird-s1", .. DlmsCommandTests.SunbirdAccess, "--profile", "0.0.98.1.0.255", "--entries", "59.."]);
        result.AssertSucceededQuietly();

        var rows = result.Document["profile"]!["rows"]!.AsArray();
        Assert.Equal(new[] { "2026-01-14T00:00:00Z", "2026-01-15T00:00:00Z" }, rows.Select(r => r![0]!["utc"]!.GetValue<string>()));
        // 1 234 567 Wh − 415.5 W × 10.5 h = 1 230 204.25 at midnight.
        Assert.Equal(1230204.0, rows[1]![1]!.GetValue<double>());
    }

    [Theory]
    [InlineData("--entries", "5..2")]
    [InlineData("--entries", "0..3")]
    [InlineData("--from", "yesterday")]
    public void A_bad_selection_is_a_one_line_invalid_argument(string option, string value)
    {
        string[] extra = option == "--from" ? [option, value, "--to", "2026-01-15T10:30:00Z"] : [option, value];
        var result = OpenAmiCli.Run(["dlms", "read", "--port", "emulator:sunbird-s1", "--profile", "1.0.99.1.0.255", .. extra]);

        result.AssertFailedWithOneLine();
        Assert.EndsWith("(invalid-argument)", result.Err.Trim());
    }

    [Fact]
    public void A_range_without_a_profile_is_refused()
    {
        var result = OpenAmiCli.Run("dlms", "read", "--port", "emulator:sunbird-s1", "--from", "2026-01-15T09:45:00Z", "--to", "2026-01-15T10:30:00Z");

        result.AssertFailedWithOneLine();
        Assert.Contains("--profile", result.Err);
    }
}

/// <summary>`openami dlms decode` of general-block-transfer APDUs, hand-encoded from the Green Book's layout (9.3.10).</summary>
public class GeneralBlockTransferDecodeTests
{
    [Fact]
    public void A_block_shows_its_control_numbers_and_data()
    {
        // E0, block-control 0x42 (streaming, window 2), block-number 3, block-number-ack 1, block-data 3 bytes C4 01 C1.
        var result = OpenAmiCli.Run("dlms", "decode", "E0 42 0003 0001 03 C401C1");
        result.AssertSucceededQuietly();

        var apdu = result.Document["apdu"]!;
        Assert.Equal("general-block-transfer", apdu["type"]!.GetValue<string>());
        Assert.False(apdu["lastBlock"]!.GetValue<bool>());
        Assert.True(apdu["streaming"]!.GetValue<bool>());
        Assert.Equal(2, apdu["window"]!.GetValue<int>());
        Assert.Equal(3, apdu["blockNumber"]!.GetValue<int>());
        Assert.Equal(1, apdu["blockNumberAck"]!.GetValue<int>());
        Assert.Equal("C401C1", apdu["blockData"]!.GetValue<string>());
    }
}
