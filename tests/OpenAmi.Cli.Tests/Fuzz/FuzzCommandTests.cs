using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Fuzz;

/// <summary>`openami fuzz`: one line per target with its figures, exit 0 when clean, usage errors for unknown targets.</summary>
public class FuzzCommandTests
{
    [Fact]
    public void A_short_run_of_one_target_prints_its_figures()
    {
        var result = OpenAmiCli.Run("fuzz", "json", "--count", "500", "--seed", "7");

        Assert.Equal(0, result.Exit);
        string[] lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("target", lines[0]);
        string[] columns = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("json", columns[0]);
        Assert.Equal("500", columns[1]);
        Assert.Equal(new[] { "0", "0", "0" }, columns[2..5]);
    }

    [Fact]
    public void An_unknown_target_is_a_usage_error_listing_the_targets()
    {
        var result = OpenAmiCli.Run("fuzz", "xml", "--count", "10");

        Assert.Equal(2, result.Exit);
        Assert.Contains("hdlc", result.Err);
        Assert.Contains("command", result.Err);
    }
}
