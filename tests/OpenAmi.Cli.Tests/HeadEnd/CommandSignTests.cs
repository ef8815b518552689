using System.Security.Cryptography;
using System.Text;
using OpenAmi.Cli.Tests.Support;
using OpenAmi.Emulator.Storage;
using OpenAmi.Json;
using OpenAmi.Northbound.Commands;

namespace OpenAmi.Cli.Tests.HeadEnd;

/// <summary>
/// The worked signing example of docs/northbound.md ("Worked signing example"), read from the page itself, checked
/// against three things: an HMAC-SHA256 computed here with System.Security.Cryptography over the documented text,
/// the gateway's portable signer (CommandSignature, JCS of the page's command example), and `openami command sign`.
/// </summary>
public class CommandSignTests
{
    private sealed record DocExample(string KeyHex, string Topic, string SignedText, string Signature, string CommandJson);

    private static DocExample ReadDoc()
    {
        string[] lines = File.ReadAllLines(RepoFiles.Path("docs/northbound.md"));
        int section = Array.FindIndex(lines, l => l == "### Worked signing example");
        Assert.True(section > 0, "docs/northbound.md has no worked signing example");
        int key = Array.FindIndex(lines, section, l => l.StartsWith("key:", StringComparison.Ordinal));
        Assert.StartsWith("signed:", lines[key + 1]);
        Assert.StartsWith("signature:", lines[key + 4]);
        string signed = string.Join("\n", lines[key + 1]["signed:".Length..].Trim(), lines[key + 2].Trim(), lines[key + 3].Trim());
        int commands = Array.FindIndex(lines, l => l == "## Commands (extension)");
        string commandJson = string.Join("\n", lines.Skip(commands + 2).TakeWhile(l => l != "```"));
        return new DocExample(lines[key]["key:".Length..].Trim(), lines[key + 2].Trim(), signed, lines[key + 4]["signature:".Length..].Trim(), commandJson);
    }

    [Fact]
    public void DocumentedSignatureIsTheHmacOfTheDocumentedText()
    {
        var doc = ReadDoc();
        byte[] mac = HMACSHA256.HashData(Convert.FromHexString(doc.KeyHex), Encoding.UTF8.GetBytes(doc.SignedText));
        Assert.Equal(doc.Signature, Convert.ToHexStringLower(mac));
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), Convert.FromHexString(doc.KeyHex));
    }

    [Fact]
    public void GatewaySignerProducesTheDocumentedTextAndSignatureFromTheCommandExample()
    {
        var doc = ReadDoc();
        JsonNode command = JsonParser.Parse(doc.CommandJson);
        Assert.Equal(doc.SignedText, Encoding.UTF8.GetString(CommandSignature.SignedBytes(doc.Topic, command)));
        Assert.Equal(doc.Signature, CommandSignature.Sign(new HostCommandKey(Convert.FromHexString(doc.KeyHex)), doc.Topic, command));
    }

    [Fact]
    public void CommandSignPrintsTheDocumentedTextAndSignature()
    {
        var doc = ReadDoc();
        var result = OpenAmiCli.Run(
            "command", "sign", "--key", doc.KeyHex, "--topic", doc.Topic, "--type", "disconnect",
            "--params", "{\"reason\":\"arrears\"}", "--id", "c-000123", "--issued", "2026-06-22T14:30:00Z");
        result.AssertSucceededQuietly();
        Assert.Equal(doc.Topic, result.Document["topic"]!.GetValue<string>());
        Assert.Equal(doc.SignedText, result.Document["signedText"]!.GetValue<string>());
        Assert.Equal(doc.Signature, result.Document["command"]!["signature"]!.GetValue<string>());
        Assert.Equal("2026-06-22T14:35:00Z", result.Document["command"]!["expiry"]!.GetValue<string>());
    }

    [Fact]
    public void KeyFileAndTopicLevelsSignTheSameAsKeyAndTopic()
    {
        var doc = ReadDoc();
        string keyFile = System.IO.Path.GetTempFileName();
        File.WriteAllText(keyFile, doc.KeyHex + "\n");
        try
        {
            var result = OpenAmiCli.Run(
                "command", "sign", "--key-file", keyFile, "--feeder", "feeder-north-paravur-01", "--gateway", "pole-ems-0042",
                "--meter", "DS1000-88421", "--type", "disconnect", "--params", "{\"reason\":\"arrears\"}", "--id", "c-000123",
                "--issued", "2026-06-22T14:30:00Z", "--valid-for", "300");
            result.AssertSucceededQuietly();
            Assert.Equal(doc.Signature, result.Document["command"]!["signature"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Theory]
    [InlineData("--key", "0001", "at least 32 bytes")]
    [InlineData("--key", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0", "two per byte")]
    [InlineData("--params", "[1]", "JSON object")]
    [InlineData("--params", "{", "not JSON")]
    [InlineData("--issued", "2026-06-22 14:30", "--issued must be")]
    [InlineData("--id", "has space", "--id must be")]
    [InlineData("--valid-for", "90000", "at most 24 h")]
    [InlineData("--topic", "openami/v1/f/g/meter/m/event", "--topic must be")]
    public void BadInputIsOneLineAndExitTwo(string option, string value, string expected)
    {
        var args = new Dictionary<string, string>
        {
            ["--key"] = new('0', 64),
            ["--topic"] = "openami/v1/f/g/meter/m/command",
            ["--type"] = "reboot",
        };
        args[option] = value;
        var result = OpenAmiCli.Run(["command", "sign", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        result.AssertFailedWithOneLine();
        Assert.Equal(2, result.Exit);
        Assert.Contains(expected, result.Err);
    }

    [Fact]
    public void HelpNamesTheKeyAndTargetOptions()
    {
        var result = OpenAmiCli.Run("command", "send", "--help");
        result.AssertSucceeded();
        foreach (string option in new[] { "--key", "--key-file", "--topic", "--feeder", "--broker", "--timeout", "--issued" })
        {
            Assert.Contains(option, result.Out);
        }
    }
}
