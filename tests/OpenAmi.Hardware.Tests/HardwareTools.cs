using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

namespace OpenAmi.Hardware.Tests;

/// <summary>
/// Runs the external tools the board checks rely on (kicad-cli, ngspice, python3). A missing tool fails the
/// test with the fix, never skips it: a board check that silently does not run would let a broken board pass.
/// </summary>
public static class HardwareTools
{
    public static readonly string Root = FindRoot();
    public static readonly string Project = Path.Combine(Root, "hardware", "openami-pole-gateway");
    public static readonly string Schematic = Path.Combine(Project, "openami-pole-gateway.kicad_sch");
    public static readonly string Board = Path.Combine(Project, "openami-pole-gateway.kicad_pcb");

    private const string InstallHint = "install the board tools with `sudo bash tools/scripts/install-hardware-tools.sh` " +
                                       "(KiCad 9 from bookworm-backports, ngspice, python3)";

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Output => StdOut + StdErr;
    }

    /// <summary>
    /// Runs a simulation harness of sim/ (python3): it writes its results JSON (returned, cloned; null when the run
    /// failed) and its section of docs/hardware/trip-path-simulation.md.
    /// </summary>
    public static (Result Run, System.Text.Json.JsonElement? Results) RunHarness(string script, TimeSpan timeout)
    {
        using var dir = new TempDirectory();
        string results = dir.File("results.json");
        var run = Run("python3", timeout, Path.Combine(Project, "sim", script), "--out", results,
            "--md", Path.Combine(Root, "docs", "hardware", "trip-path-simulation.md"));
        if (run.ExitCode != 0 || !File.Exists(results))
        {
            return (run, null);
        }

        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(results));
        return (run, doc.RootElement.Clone());
    }

    public static Result Run(string tool, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Project,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException(tool + " did not start");
        }
        catch (Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{tool} is not installed or not on PATH ({e.Message}): {InstallHint}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', args)} did not finish within {timeout}");
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    /// <summary>kicad-cli, checked to be KiCad 9 or newer (older releases have no headless ERC or schematic parity).</summary>
    public static Result KiCad(TimeSpan timeout, params string[] args)
    {
        Result version = Run("kicad-cli", TimeSpan.FromSeconds(30), "version");
        string text = version.StdOut.Trim();
        Xunit.Assert.True(version.ExitCode == 0 && int.TryParse(text.Split('.')[0], out int major) && major >= 9,
            $"kicad-cli reports version '{text}', KiCad 9 is required: {InstallHint}");
        return Run("kicad-cli", timeout, args);
    }

    /// <summary>A scratch directory for tool outputs, deleted on dispose.</summary>
    public sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "openami-hw-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>A copy of the board (with its project and design rules) in <paramref name="dir"/>, with
    /// <paramref name="items"/> (board-level s-expressions) added: a probe that a check must fail.</summary>
    public static string ProbeBoard(TempDirectory dir, string items)
    {
        string probe = dir.File("probe.kicad_pcb");
        foreach (string ext in new[] { ".kicad_pro", ".kicad_dru" })
        {
            File.Copy(System.IO.Path.ChangeExtension(Board, ext), System.IO.Path.ChangeExtension(probe, ext));
        }

        string board = File.ReadAllText(Board);
        int end = board.TrimEnd().LastIndexOf(')');
        File.WriteAllText(probe, board.Substring(0, end) + items + ")\n");
        return probe;
    }

    /// <summary>The schematic's netlist in KiCad's XML form (components with values, nets with pin functions).</summary>
    public static System.Xml.Linq.XDocument ExportNetlist()
    {
        using var dir = new TempDirectory();
        string path = dir.File("board.xml");
        var export = KiCad(TimeSpan.FromMinutes(1), "sch", "export", "netlist", "--format", "kicadxml", "-o", path, Schematic);
        Xunit.Assert.True(export.ExitCode == 0, "netlist export failed: " + export.Output);
        return System.Xml.Linq.XDocument.Load(path);
    }

    /// <summary>The board position (mm) of the footprint with this reference.</summary>
    public static (double X, double Y) FootprintPosition(string board, string reference)
    {
        int field = board.IndexOf($"(property \"Reference\" \"{reference}\"", StringComparison.Ordinal);
        Xunit.Assert.True(field > 0, $"footprint {reference} not found in the board");
        var at = System.Text.RegularExpressions.Regex.Match(
            board.Substring(board.LastIndexOf("(footprint", field, StringComparison.Ordinal)), @"\(at ([-\d.]+) ([-\d.]+)");
        return (double.Parse(at.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(at.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "OpenAmi.Firmware.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root (OpenAmi.Firmware.sln) not found");
    }
}
