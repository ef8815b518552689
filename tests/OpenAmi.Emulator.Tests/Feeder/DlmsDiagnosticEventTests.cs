using System.Text.Json;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Feeder;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// A meter defect the DLMS client survives reaches the head-end as a diagnostic event on that meter's event topic,
/// rate-limited per meter and code. The defect: the malformed RLRE Gurux's .NET meter server sent in issue 16's
/// interop recordings (<see cref="MeterProfile.GuruxMalformedRlre"/>), given to the feeder's head meter.
/// </summary>
public class DlmsDiagnosticEventTests
{
    private const string Head = "head-12000001"; // sunbird-s1 on rs485, polled every 15 min (feeder-mixed.json)

    [Fact]
    public void A_malformed_release_is_reported_at_once_then_at_most_hourly_and_the_meter_is_still_read()
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "default.json"), null);
        var run = scenario with { DurationMs = (long)TimeSpan.FromHours(3).TotalMilliseconds, Events = Array.Empty<ScenarioEvent>() };
        var output = new StringWriter();
        var clock = new SimulatedClock(run.StartUtc, 0);
        using var world = new FeederWorld(config, clock, new LineBrokerLink(output));
        var head = (FeederDlmsMeter)world.MeterDevice(Head);
        head.State.Profile = head.State.Profile with { ReleaseResponse = MeterProfile.GuruxMalformedRlre };
        new FeederRunner(clock, () => world.Scheduler, run, world.Apply).Run();
        world.Finish();

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var diagnostics = lines.Where(l => l.GetProperty("topic").GetString()!.EndsWith($"/meter/{Head}/event", StringComparison.Ordinal))
            .Select(l => l.GetProperty("payload"))
            .Where(p => p.GetProperty("type").GetString() == "diagnostic")
            .ToList();

        // About twelve releases in three hours; reported at the first, then once an hour has passed (~1 h, ~2 h).
        Assert.InRange(diagnostics.Count, 2, 3);
        var times = diagnostics.Select(d => d.GetProperty("ts").GetDateTime()).ToList();
        Assert.True(times[0] < run.StartUtc.AddMinutes(30), "first report at " + times[0]);
        for (int i = 1; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - 1] >= TimeSpan.FromHours(1), $"reports {times[i - 1]} and {times[i]} less than an hour apart");
        }

        foreach (var d in diagnostics)
        {
            Schemas.AssertValid(Schemas.Event, d.GetRawText());
            Assert.Equal("dlms_release_failed", d.GetProperty("data").GetProperty("code").GetString());
            Assert.StartsWith("release failed", d.GetProperty("data").GetProperty("detail").GetString());
        }

        Assert.Contains("more since the last report", diagnostics[1].GetProperty("data").GetProperty("detail").GetString());

        // The readings are kept: telemetry of the head meter after the last report.
        Assert.Contains(lines, l => l.GetProperty("topic").GetString()!.EndsWith($"/meter/{Head}/telemetry", StringComparison.Ordinal)
            && l.GetProperty("payload").GetProperty("ts").GetDateTime() > times[^1]);
    }
}
