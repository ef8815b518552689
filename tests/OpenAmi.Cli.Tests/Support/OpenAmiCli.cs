using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OpenAmi.Cli.Tests.Support;

/// <summary>
/// Runs the built `openami` as a separate process, because its output contract is what another program sees:
/// one JSON document on stdout, one line on stderr, the exit code.
/// </summary>
public static class OpenAmiCli
{
    /// <summary>Runs with the CLI's saved state (invocation counters) in a directory of the test run, never the user's.</summary>
    public static CliResult Run(params string[] args) => RunWithState(Path.Combine(Path.GetTempPath(), "openami-cli-tests-state"), args);

    public static CliResult RunWithState(string stateDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["OPENAMI_STATE_DIR"] = stateDirectory;

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "openami.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        // stderr is drained concurrently so a command that fills one pipe cannot block on the other.
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout, stderr.Result);
    }
}

/// <summary>What one run of `openami` left behind.</summary>
public sealed record CliResult(int Exit, string Out, string Err)
{
    /// <summary>stdout as the JSON object it must be.</summary>
    public JsonObject Document => JsonNode.Parse(Out)!.AsObject();

    public void AssertSucceeded() => Assert.True(Exit == 0, Err);

    /// <summary>Succeeded and wrote nothing at all to stderr.</summary>
    public void AssertSucceededQuietly()
    {
        AssertSucceeded();
        Assert.Equal("", Err);
    }

    /// <summary>The error contract: non-zero exit, nothing on stdout, one line on stderr, never a stack trace.</summary>
    public void AssertFailedWithOneLine()
    {
        Assert.NotEqual(0, Exit);
        Assert.Equal("", Out);
        Assert.Single(Err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", Err);
    }
}
