using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Output;

/// <summary>
/// `--format text` prints the same document as the JSON, for people: every scalar as a "name: value" line, lists as
/// "- " blocks. Each case runs the command twice and derives the lines the text must hold from its own JSON.
/// The clock value "2026-01-15T10:30:00.00+0min" of the emulated sunbird-s1 carries a '+', which JSON must keep as is.
/// </summary>
public class OutputFormatTests
{
    public static TheoryData<string[]> Commands => new()
    {
        new[] { "meter", "list" },
        new[] { "meter", "emulated" },
        new[] { "token", "sts", "inspect", "3078-5131-3710-1340-1998" },
        new[] { "modbus", "read", "--port", "emulator:eastron-sdm120@9600", "--profile", "eastron-sdm120" },
        new[] { "dlms", "read", "--port", "emulator:sunbird-s1", "--client", "1", "--server", "1:17", "--auth", "low", "--password", "00000000", "--obis", "8/0.0.1.0.0.255/2" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void TextHoldsEveryValueOfTheJson(string[] command)
    {
        var json = OpenAmiCli.Run(command);
        json.AssertSucceededQuietly();
        var text = OpenAmiCli.Run([.. command, "--format", "text"]);
        text.AssertSucceededQuietly();

        var lines = text.Out.Split('\n').Select(l => l.TrimStart(' ', '-').TrimStart()).ToHashSet();
        foreach (var (name, value) in Scalars(json.Document))
        {
            Assert.Contains($"{name}: {value}", lines);
        }

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(text.Out));
    }

    [Fact]
    public void JsonKeepsPlusSignsAndQuotesUnescaped()
    {
        var result = OpenAmiCli.Run("dlms", "read", "--port", "emulator:sunbird-s1", "--client", "1", "--server", "1:17", "--auth", "low",
            "--password", "00000000", "--obis", "8/0.0.1.0.0.255/2");

        result.AssertSucceededQuietly();
        Assert.Contains("\"dateTime\":\"2026-01-15T10:30:00.00+0min status=00\"", result.Out);
        Assert.DoesNotContain("\\u", result.Out);
    }

    private static string Plain(JsonValue v) => v.TryGetValue(out string? s) ? s : v.ToJsonString();

    /// <summary>Every member whose value is a string, number or boolean (or a list of them), as the text shows it.</summary>
    private static IEnumerable<(string Name, string Value)> Scalars(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany(Scalars);
        }

        if (node is not JsonObject obj)
        {
            return [];
        }

        return obj.SelectMany(m => m.Value switch
        {
            JsonValue v => [(m.Key, Plain(v))],
            JsonArray a when a.Count > 0 && a.All(i => i is JsonValue) => [(m.Key, string.Join(", ", a.Select(i => Plain(i!.AsValue()))))],
            _ => Scalars(m.Value),
        });
    }
}
