using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Token;

/// <summary>
/// `openami token …` run as a process (stdout JSON, stderr, exit code). Tokens are the published OpenPAYGO
/// test data (EnAccess/OpenPAYGO-python test/test_tokens.jsonl, device TEST220000001: starting code 516959010,
/// key bc41ec9530f6dac86b1a29ab82edc5fb, count 1) and published STS tokens (NectarAPI/tokens-service
/// TokensServiceTest.java; STSSimulator-verified 35500312443047940328 with decoder key E7B21AA9EC929C96) and a
/// published class 1 test voucher (Landis+Gyr CASHPOWER Sabre Mk5 user guide).
/// </summary>
public class TokenCommandTests
{
    private const string Key = "bc41ec9530f6dac86b1a29ab82edc5fb";
    private const string StartingCode = "516959010";

    private static JsonObject Json(params string[] args)
    {
        var result = OpenAmiCli.Run(args);
        result.AssertSucceededQuietly();
        return result.Document;
    }

    private static string[] Keys(JsonObject o) => o.Select(p => p.Key).ToArray();

    [Fact]
    public void DecodeValidTokenHasExactlyTheDocumentedShape()
    {
        var result = Json("token", "openpaygo", "decode", "--key", Key, "--starting-code", StartingCode, "--last-count", "1", "588224011");
        Assert.Equal(["valid", "type", "value", "count"], Keys(result));
        Assert.True(result["valid"]!.GetValue<bool>());
        Assert.Equal("add_time", result["type"]!.GetValue<string>());
        Assert.Equal(1, result["value"]!.GetValue<long>());
        Assert.Equal(2, result["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("380589011", "set_time", 1, 3, false, false)]
    [InlineData("190942008", "disable_payg", 998, 3, false, false)]
    [InlineData("160440009", "counter_sync", 999, 3, false, false)]
    [InlineData("507849959015", "add_time", 5, 2, true, false)]
    [InlineData("431221144132142", "add_time", 995, 2, false, true)]
    public void DecodeEveryPublishedKind(string token, string type, long value, int count, bool extended, bool restricted)
    {
        var args = new List<string> { "token", "openpaygo", "decode", "--key", Key, "--starting-code", StartingCode, "--last-count", "1" };
        if (extended) args.Add("--extended");
        if (restricted) args.Add("--restricted");
        args.Add(token);
        var result = Json([.. args]);
        Assert.Equal(type, result["type"]!.GetValue<string>());
        Assert.Equal(value, result["value"]!.GetValue<long>());
        Assert.Equal(count, result["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("123456789", "2", null, "invalid")]
    [InlineData("588224011", "2", "2", "used")]
    [InlineData("588224011", "20", null, "old")]   // count 2 is below the 16-count older-token window
    [InlineData("58822401", "1", null, "wrong_length")]
    public void DecodeRefusalHasExactlyTheDocumentedShape(string token, string lastCount, string? used, string reason)
    {
        var args = new List<string> { "token", "openpaygo", "decode", "--key", Key, "--starting-code", StartingCode, "--last-count", lastCount };
        if (used is not null)
        {
            args.Add("--used-counts");
            args.Add(used);
        }

        args.Add(token);
        var result = Json([.. args]);
        Assert.Equal(["valid", "reason"], Keys(result));
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal(reason, result["reason"]!.GetValue<string>());
    }

    [Fact]
    public void OlderUnusedTokenIsAcceptedWhenItsCountIsNotInTheUsedList()
    {
        // Count 2 token with last count 5: inside the older-token window and not used.
        var result = Json("token", "openpaygo", "decode", "--key", Key, "--starting-code", StartingCode, "--last-count", "5", "--used-counts", "3,4,5", "588224011");
        Assert.True(result["valid"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("add_time", "1", "588224011", 2)]
    [InlineData("set_time", "995", "586420005", 3)]
    public void GenerateHasExactlyTheDocumentedShape(string type, string value, string token, int count)
    {
        var result = Json("token", "openpaygo", "generate", "--key", Key, "--starting-code", StartingCode, "--count", "1", "--type", type, "--value", value);
        Assert.Equal(["token", "count"], Keys(result));
        Assert.Equal(token, result["token"]!.GetValue<string>());
        Assert.Equal(count, result["count"]!.GetValue<int>());
    }

    [Fact]
    public void GenerateDisablePaygNeedsNoValue()
    {
        var result = Json("token", "openpaygo", "generate", "--key", Key, "--starting-code", StartingCode, "--count", "1", "--type", "disable_payg");
        Assert.Equal("190942008", result["token"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("token", "openpaygo", "decode", "--key", "xyz", "--starting-code", "1", "--last-count", "1", "123456789")]
    [InlineData("token", "openpaygo", "generate", "--key", Key, "--starting-code", "1", "--count", "1", "--type", "add_time")]
    [InlineData("token", "openpaygo", "generate", "--key", Key, "--starting-code", "1", "--count", "1", "--type", "refund", "--value", "1")]
    [InlineData("token", "openpaygo", "generate", "--key", Key, "--starting-code", "1", "--count", "1", "--type", "add_time", "--value", "996")]
    [InlineData("token", "openpaygo", "decode", "--key", Key, "--starting-code", "1000000000", "--last-count", "1", "123456789")]
    [InlineData("token", "openpaygo", "decode", "--key", Key, "--starting-code", "1", "--last-count", "1", "--used-counts", "1,x", "123456789")]
    public void BadArgumentsFailWithOneLineAndNoStackTrace(params string[] args)
    {
        OpenAmiCli.Run(args).AssertFailedWithOneLine();
    }

    [Fact]
    public void InspectReadsTheClassWithoutAKey()
    {
        var result = Json("token", "sts", "inspect", "3078-5131-3710-1340-1998");
        Assert.True(result["valid"]!.GetValue<bool>());
        Assert.Equal(2, result["class"]!.GetValue<int>());
        Assert.Equal("meter_specific_management", result["class_name"]!.GetValue<string>());
        Assert.Equal("30785131371013401998", result["digits"]!.GetValue<string>());
        Assert.Equal(["valid", "class", "class_name", "digits", "hex", "encrypted"], Keys(result));
    }

    [Fact]
    public void InspectWithADecoderKeyDecryptsAndChecksTheCrc()
    {
        var result = Json("token", "sts", "inspect", "--decoder-key", "E7B21AA9EC929C96", "35500312443047940328");
        Assert.Equal("1ECAA7214074090E8", result["hex"]!.GetValue<string>());
        Assert.True(result["crc_ok"]!.GetValue<bool>());
        Assert.Equal(0, result["subclass"]!.GetValue<int>());
        Assert.Equal(6675056, result["tid"]!.GetValue<int>());
        Assert.Equal(100, result["amount_units"]!.GetValue<long>());
    }

    [Fact]
    public void InspectWithAWrongDecoderKeyIsInvalidWithTheCrcResult()
    {
        var result = Json("token", "sts", "inspect", "--decoder-key", "0123456789ABCDEF", "35500312443047940328");
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal("crc", result["reason"]!.GetValue<string>());
        Assert.False(result["crc_ok"]!.GetValue<bool>());
        Assert.Equal(["valid", "reason", "class", "class_name", "digits", "hex", "encrypted", "crc_ok"], Keys(result));
    }

    [Fact]
    public void InspectDecodesAPublishedClassOneVoucherWithoutAKey()
    {
        // Landis+Gyr CASHPOWER Sabre Mk5 user guide, 5.5.1.8: "Display the total units counter" 0000 0000 0002 0132 8896
        // (by hand: class 1, subclass 0, control bit 2, manufacturer code 00, CRC 0x0900).
        var result = Json("token", "sts", "inspect", "0000 0000 0002 0132 8896");
        Assert.Equal(["valid", "class", "class_name", "digits", "hex", "encrypted", "crc_ok", "subclass", "control", "manufacturer_code"], Keys(result));
        Assert.True(result["valid"]!.GetValue<bool>());
        Assert.Equal(1, result["class"]!.GetValue<int>());
        Assert.False(result["encrypted"]!.GetValue<bool>());
        Assert.True(result["crc_ok"]!.GetValue<bool>());
        Assert.Equal(0, result["subclass"]!.GetValue<int>());
        Assert.Equal(4UL, result["control"]!.GetValue<ulong>());
        Assert.Equal("00", result["manufacturer_code"]!.GetValue<string>());
    }

    [Fact]
    public void InspectRefusesAMadeUpClassOneNumberForItsCrc()
    {
        var result = Json("token", "sts", "inspect", "12345678901234567890");
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal("crc", result["reason"]!.GetValue<string>());
        Assert.Equal(1, result["class"]!.GetValue<int>());
        Assert.False(result["crc_ok"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("1234", "wrong_length")]
    [InlineData("73786976294838206464", "out_of_range")]
    [InlineData("1234567890123456789x", "bad_digit")]
    public void InspectRefusesWhatCannotBeAToken(string token, string reason)
    {
        var result = Json("token", "sts", "inspect", token);
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal(reason, result["reason"]!.GetValue<string>());
    }

    [Fact]
    public void InspectReportsReservedClassThree()
    {
        var result = Json("token", "sts", "inspect", "73786976294838206463");
        Assert.False(result["valid"]!.GetValue<bool>());
        Assert.Equal(3, result["class"]!.GetValue<int>());
    }
}
