using System.Text.Json.Nodes;
using OpenAmi.Cli.Commands;

namespace OpenAmi.Cli.Bench;

/// <summary>One entry per benchmark area; `bench all` runs them in this order.</summary>
public static class BenchRegistry
{
    private static readonly (string Name, Func<BenchReport> Run)[] Areas =
    [
        ("rcm", RcmBench.Run),
        ("northbound", NorthboundBench.Run),
        ("prepaid", PrepaidBench.Run),
        ("metering", MeteringBench.Run),
        ("dlms", DlmsBench.Run),
        ("gateway", GatewayBench.Run),
        ("device", DeviceBench.Run),
    ];

    public static IEnumerable<string> Names => Areas.Select(a => a.Name);

    public static int Run(string name)
    {
        if (name == "all")
        {
            var reports = Areas.Select(a => a.Run()).ToArray();
            var table = new JsonArray(reports.SelectMany(r => r.Rows).Select(r => (JsonNode)r.ToJson()).ToArray());
            BenchReport.PrintTable(Console.Error, reports);
            return CliOutput.Json(new JsonObject { ["rows"] = table });
        }

        foreach (var area in Areas)
        {
            if (area.Name == name)
            {
                var report = area.Run();
                BenchReport.PrintTable(Console.Error, [report]);
                return CliOutput.Json(report.ToJson());
            }
        }

        return CliOutput.Fail($"unknown benchmark area '{name}'; known: all, {string.Join(", ", Names)}", CliOutput.UsageError);
    }
}
