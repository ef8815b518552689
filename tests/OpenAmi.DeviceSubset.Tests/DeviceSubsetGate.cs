using System.Diagnostics;
using OpenAmi.DeviceGate;

namespace OpenAmi.DeviceSubset.Tests;

/// <summary>
/// Runs the same three stages as tools/scripts/device-gate.sh and the host build on one sample file:
/// the host compile (BannedApiAnalyzers), the compile against the nanoFramework API surface, and the
/// metadata scan. The first stage that fails, and what it printed, is the verdict.
/// </summary>
internal static class DeviceSubsetGate
{
    public sealed record Verdict(string FailedStage, string Output)
    {
        public bool Passed => FailedStage.Length == 0;
    }

    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly string SampleProject =
        Path.Combine(RepoRoot, "tests", "OpenAmi.DeviceSubset.Tests", "SampleLibrary", "SampleLibrary.csproj");

    public static Verdict Check(string sample)
    {
        var host = Build(sample, deviceBuild: false);
        if (host.ExitCode != 0)
        {
            return new Verdict("host-build", host.Output);
        }

        var device = Build(sample, deviceBuild: true);
        if (device.ExitCode != 0)
        {
            return new Verdict("device-build", device.Output);
        }

        var assembly = Path.Combine(RepoRoot, "tests", "OpenAmi.DeviceSubset.Tests", "SampleLibrary", "bin", sample,
            "device", "Release", "net10.0", $"Sample.{sample}.dll");
        var findings = AssemblyScanner.Scan(assembly).Findings;
        return findings.Count > 0
            ? new Verdict("metadata-scan", string.Join(Environment.NewLine, findings))
            : new Verdict("", host.Output + device.Output);
    }

    /// <summary>Builds every portable library's sources as one device assembly, as the device build once did, and scans it.</summary>
    public static AssemblyReport ScanAllInOne()
    {
        var project = Path.Combine(RepoRoot, "tests", "OpenAmi.DeviceSubset.Tests", "AllInOne", "AllInOne.csproj");
        var build = Run(project, deviceBuild: true, sample: "");
        Assert.True(build.ExitCode == 0, build.Output);
        return AssemblyScanner.Scan(Path.Combine(Path.GetDirectoryName(project)!, "bin", "device", "Release", "net10.0", "AllInOne.dll"));
    }

    private static (int ExitCode, string Output) Build(string sample, bool deviceBuild) => Run(SampleProject, deviceBuild, sample);

    private static (int ExitCode, string Output) Run(string project, bool deviceBuild, string sample)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        foreach (var arg in new[]
                 {
                     "build", project, "-c", "Release", "--nologo", "-v", "quiet", "-clp:ErrorsOnly",
                     $"-p:DeviceBuild={(deviceBuild ? "true" : "false")}",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["OPENAMI_SAMPLE"] = sample;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string FindRepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "OpenAmi.Firmware.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repo root not found");
        }

        return dir;
    }
}
