namespace OpenAmi.DeviceGate;

/// <summary>
/// Usage: openami-device-gate ASSEMBLY.dll... — prints one row per assembly (string table, estimated .pe size);
/// exit 0 when every assembly is loadable by nanoFramework 1.x as far as metadata and IL can tell, 1 with one line
/// per finding otherwise, 2 on bad arguments.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: openami-device-gate ASSEMBLY.dll...");
            return 2;
        }

        var missing = args.FirstOrDefault(path => !File.Exists(path));
        if (missing is not null)
        {
            Console.Error.WriteLine($"device-gate: no such assembly: {missing}");
            return 2;
        }

        var reports = args.Select(AssemblyScanner.Scan).ToList();
        Console.WriteLine($"{"device assembly",-34} {"string table",14} {"budget",8} {"est. .pe",10} {"findings",9}");
        foreach (var report in reports)
        {
            Console.WriteLine(
                $"{report.Assembly,-34} {report.StringTableBytes,12:N0} B {100.0 * report.StringTableBytes / StringTable.BudgetBytes,7:F0}% {report.EstimatedPeBytes,8:N0} B {report.Findings.Count,9}");
        }

        Console.WriteLine(
            $"{"all",-34} {reports.Sum(r => r.StringTableBytes),12:N0} B {"",8} {reports.Sum(r => r.EstimatedPeBytes),8:N0} B {reports.Sum(r => r.Findings.Count),9}");
        foreach (var finding in reports.SelectMany(report => report.Findings))
        {
            Console.Error.WriteLine(finding.ToString());
        }

        return reports.Any(report => report.Findings.Count > 0) ? 1 : 0;
    }
}
