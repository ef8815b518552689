namespace OpenAmi.DeviceGate;

/// <summary>
/// Usage: openami-device-gate ASSEMBLY.dll... — exit 0 when every assembly is loadable by nanoFramework 1.x
/// as far as metadata can tell, 1 with one line per finding otherwise, 2 on bad arguments.
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

        var failed = false;
        foreach (var path in args)
        {
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"device-gate: no such assembly: {path}");
                return 2;
            }

            var findings = AssemblyScanner.Scan(path);
            foreach (var finding in findings)
            {
                Console.Error.WriteLine(finding.ToString());
            }

            failed |= findings.Count > 0;
            if (findings.Count == 0)
            {
                Console.WriteLine($"device-gate: {Path.GetFileName(path)}: ok");
            }
        }

        return failed ? 1 : 0;
    }
}
