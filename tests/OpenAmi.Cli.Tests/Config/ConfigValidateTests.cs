using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Config;

/// <summary>
/// `openami config validate` on the shipped provisioning example (docs/provisioning/gateway.json) and on copies
/// broken the ways docs/gateway.md and docs/provisioning/README.md forbid: COM1 is the debugger's port, a meter
/// must name a bus of $.buses, the command key is 64 hex digits (the shipped file carries a placeholder).
/// </summary>
public sealed class ConfigValidateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("openami-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Variant(Action<JsonObject> change)
    {
        var config = JsonNode.Parse(File.ReadAllText(RepoFiles.Path("docs/provisioning/gateway.json")))!.AsObject();
        change(config);
        string path = Path.Combine(_directory, "gateway.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    [Fact]
    public void TheShippedTemplateIsRefusedOnlyForItsPlaceholderKey()
    {
        var result = OpenAmiCli.Run("config", "validate", RepoFiles.Path("docs/provisioning/gateway.json"));
        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Err);
        string line = Assert.Single(result.Out.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("$.northbound.commandKeyHex: ", line);
    }

    [Fact]
    public void TheShippedTemplateWithAKeyIsValid()
    {
        string path = Variant(c => c["northbound"]!["commandKeyHex"] = new string('7', 64));
        var result = OpenAmiCli.Run("config", "validate", path);
        result.AssertSucceededQuietly();
        Assert.Equal($"{path}: valid (feeder feeder-example-01, gateway pole-0001, 4 meters)\n", result.Out);
    }

    [Fact]
    public void EveryErrorIsOneLineWithItsPathAndJsonListsThemToo()
    {
        string path = Variant(c =>
        {
            c["northbound"]!["commandKeyHex"] = new string('7', 64);
            c["buses"]![0]!["port"] = "COM1";
            c["meters"]![1]!["bus"] = "rs232";
        });
        var text = OpenAmiCli.Run("config", "validate", path);
        Assert.Equal(1, text.Exit);
        string[] lines = text.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("$.buses[0].port: ", lines[0]);
        Assert.Contains("COM1", lines[0]);
        Assert.StartsWith("$.meters[1].bus: ", lines[1]);
        Assert.Contains("rs232", lines[1]);

        var json = OpenAmiCli.Run("config", "validate", path, "--format", "json");
        Assert.Equal(1, json.Exit);
        Assert.False(json.Document["valid"]!.GetValue<bool>());
        Assert.Equal(["$.buses[0].port", "$.meters[1].bus"], json.Document["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()));
    }

    [Fact]
    public void NotJsonAndAMissingFileAreReported()
    {
        string path = Path.Combine(_directory, "broken.json");
        File.WriteAllText(path, "{\"feederId\": ");
        var result = OpenAmiCli.Run("config", "validate", path);
        Assert.Equal(1, result.Exit);
        Assert.StartsWith("$: not valid JSON", result.Out);

        var missing = OpenAmiCli.Run("config", "validate", Path.Combine(_directory, "none.json"));
        missing.AssertFailedWithOneLine();
        Assert.Equal(2, missing.Exit);
    }
}
