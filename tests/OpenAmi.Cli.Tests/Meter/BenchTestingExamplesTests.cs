using System.Text.RegularExpressions;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Meter;

/// <summary>
/// The `./openami` commands of docs/bench-testing.md, run as written with the USB adapter replaced by emulated meters:
/// the generic DLMS meter (public client, no authentication, 1/17, as the example addresses it), an Eastron SDM120 at
/// the bus's 9600 Bd and one fresh from the box at 2400 Bd (the scan's --factory must find it).
/// </summary>
public class BenchTestingExamplesTests
{
    private static readonly Dictionary<string, string> Emulated = new()
    {
        ["dlms read"] = "emulator:dlms-generic-single-phase",
        ["modbus read"] = "emulator:eastron-sdm120@9600",
        ["meter scan"] = "emulator:eastron-sdm120@2400",
    };

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        string doc = File.ReadAllText(RepoFiles.Path("docs/bench-testing.md"));
        foreach (Match block in Regex.Matches(doc, "```\\n(.*?)```", RegexOptions.Singleline))
        {
            foreach (string line in block.Groups[1].Value.Split('\n').Where(l => l.StartsWith("./openami ", StringComparison.Ordinal)))
            {
                data.Add(line);
            }
        }

        return data;
    }

    [Fact]
    public void TheDocumentHasTheExamplesThisTestRuns() => Assert.Equal(4, Examples().Count);

    [Theory]
    [MemberData(nameof(Examples))]
    public void EachExampleRunsAgainstTheEmulator(string example)
    {
        string[] words = example["./openami ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string port = Emulated[words[0] + " " + words[1]];
        var result = OpenAmiCli.Run(words.Select(w => w == "/dev/ttyUSB1" ? port : w).ToArray());

        result.AssertSucceededQuietly();
        var document = result.Document;
        if (words[0] == "dlms")
        {
            // Every attribute asked for is read: none answered object-undefined (the clock is class 8, not 3).
            Assert.All(document["readings"]!.AsArray(), r => Assert.Null(r!["error"]));
            Assert.Contains(document["readings"]!.AsArray(), r => r!["classId"]!.GetValue<int>() == 8 && r["result"]!["dateTime"] != null);
        }
        else if (words[0] == "meter")
        {
            Assert.Equal(1, document["factory"]!.AsArray().Count(f => f!["profile"]!.GetValue<string>() == "eastron-sdm120" && f["baud"]!.GetValue<int>() == 2400));
        }
        else
        {
            Assert.True(document["items"] is null || document["items"]!.AsArray().All(i => i!["error"] == null), result.Out);
        }
    }
}
