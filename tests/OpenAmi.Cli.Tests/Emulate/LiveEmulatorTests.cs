using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using OpenAmi.Cli.Tests.Support;

namespace OpenAmi.Cli.Tests.Emulate;

/// <summary>
/// `openami emulate --realtime` driven by a head-end of one's own (here `openami command send`) through a real
/// mosquitto: the live gateway names its topics and key on stderr, accepts a command stamped with the wall-clock
/// time (docs/northbound.md: issued at most 5 min ahead, expiry after now), refuses one stamped on the scenario's
/// date as expired, and ends by itself after --duration.
/// </summary>
public sealed class LiveEmulatorTests : IDisposable
{
    private const string Root = "openami/v1/feeder-demo-01/pole-0001";
    private readonly MosquittoBroker _broker = new();

    public void Dispose() => _broker.Dispose();

    [Fact]
    public async Task ALiveGatewayAnswersCommandsStampedNowAndStopsAfterItsDuration()
    {
        using var status = new MosquittoSubscriber(_broker.Port, Root + "/status");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { Path.Combine(AppContext.BaseDirectory, "openami.dll"), "emulate", "--realtime", "--duration", "30", "--broker", $"mqtt://127.0.0.1:{_broker.Port}" })
        {
            start.ArgumentList.Add(a);
        }

        using var emulator = Process.Start(start)!;
        var stderr = new StringBuilder();
        emulator.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        emulator.BeginErrorReadLine();
        var stdout = emulator.StandardOutput.ReadToEndAsync();
        Assert.True(status.WaitFor(m => m.Any(x => x.Payload.Contains("\"state\":\"online\"")), TimeSpan.FromSeconds(25)), "the live gateway never came online");

        string served;
        lock (stderr)
        {
            served = stderr.ToString();
        }

        Assert.Contains($"commands on {Root}/meter/+/command", served);
        Assert.Contains($"{Root}/meter/{{meter}}/telemetry", served);
        string key = served[(served.IndexOf("signed with key ", StringComparison.Ordinal) + "signed with key ".Length)..].Split('\n')[0].Trim();
        Assert.Equal("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", key);

        string[] common = ["command", "send", "--broker", $"mqtt://127.0.0.1:{_broker.Port}", "--key", key, "--topic", Root + "/meter/shop-2/command", "--type", "set-interval", "--params", "{\"seconds\":600}", "--timeout", "10"];
        var now = OpenAmiCli.Run([.. common, "--id", "live-1"]);
        now.AssertSucceededQuietly();
        Assert.Equal("done", now.Document["status"]!.GetValue<string>());

        var scenarioDate = OpenAmiCli.Run([.. common, "--id", "live-2", "--issued", "2026-06-22T06:00:00Z"]);
        Assert.Equal(1, scenarioDate.Exit);
        Assert.Equal("expired", scenarioDate.Document["reason"]!.GetValue<string>());

        Assert.True(emulator.WaitForExit(40_000), "the live run did not stop after --duration");
        Assert.Equal(0, emulator.ExitCode);
        var summary = JsonNode.Parse(await stdout)!;
        Assert.InRange(summary["simulatedSeconds"]!.GetValue<double>(), 30, 31);
        Assert.InRange(summary["wallSeconds"]!.GetValue<double>(), 29, 40);
        Assert.Equal(3, summary["eventsByType"]!["command_ack"]!.GetValue<int>());
    }

    [Fact]
    public void DurationWithoutRealtimeIsAUsageError()
    {
        var result = OpenAmiCli.Run("emulate", "--duration", "5");
        result.AssertFailedWithOneLine();
        Assert.Equal(2, result.Exit);
    }
}
