using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OpenAmi.Cli.Tests.Support;

/// <summary>
/// Runs the built `openami` as a separate process, because its output contract is what another program sees:
/// one JSON document on stdout, one line on stderr, the exit code.
/// </summary>
public static class OpenAmiCli
{
    /// <summary>The CLI's saved state (invocation counters) lives in a directory of the test run, never the user's.</summary>
    private static readonly string TestStateDirectory = Path.Combine(Path.GetTempPath(), "openami-cli-tests-state");

    public static CliResult Run(params string[] args) => RunWithState(TestStateDirectory, args);

    public static CliResult RunWithState(string stateDirectory, params string[] args) => Start(stateDirectory, null, args);

    /// <summary>Runs with <paramref name="input"/> on standard input (what a person would type or pipe).</summary>
    public static CliResult RunWithInput(string input, params string[] args) => Start(TestStateDirectory, input, args);

    private static CliResult Start(string stateDirectory, string? input, string[] args) =>
        ExternalProcess.Run("dotnet", new[] { Path.Combine(AppContext.BaseDirectory, "openami.dll") }.Concat(args),
            new Dictionary<string, string> { ["OPENAMI_STATE_DIR"] = stateDirectory }, input);
}

/// <summary>Runs a program to its end and keeps its exit code, stdout and stderr.</summary>
public static class ExternalProcess
{
    public static CliResult Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? input = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input != null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        if (input != null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

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
