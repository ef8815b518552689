using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Feeder;

namespace OpenAmi.Emulator.Tests.Feeder;

/// <summary>
/// Issue 18 D14: `--speed` on the Modbus feeder. Its many short steps each asked for less than a millisecond of
/// real time, every such wait rounded to none, and broker-outage ran a simulated day in seconds at speed 1000.
/// </summary>
public class PacingTests
{
    /// <summary>Real time that passes only when the clock asks it to: the pacing decisions, without waiting them out.</summary>
    private sealed class FakeWall : IRealTime
    {
        public double ElapsedMs { get; private set; }

        public int Waits { get; private set; }

        public void Sleep(double ms) => ElapsedMs += Math.Max(0, ms);

        public bool WaitForWake(double ms)
        {
            Waits++;
            ElapsedMs += Math.Max(0, ms);
            return false;
        }

        public void Wake()
        {
        }
    }

    [Fact]
    public void Broker_outage_at_speed_1000_asks_for_a_thousandth_of_its_simulated_day_in_real_time()
    {
        var (scenario, config) = FeederEmulation.Load(Path.Combine(ScenarioFiles.Directory, "broker-outage.json"), null);
        var wall = new FakeWall();
        var clock = new SimulatedClock(scenario.StartUtc, 1000, wall);

        var summary = FeederEmulation.Run(scenario, config, clock, new LineBrokerLink(TextWriter.Null));

        // 86,400 simulated seconds / 1000 = 86.4 s; deadline pacing ends exactly where the simulation does.
        Assert.InRange(clock.NowMs, 86_400_000, 86_400_100);
        Assert.Equal(clock.NowMs / 1000.0, wall.ElapsedMs, 1.0);
        Assert.True(wall.Waits > 1000, $"{wall.Waits} waits");
        Assert.Equal(0, summary.OutboxLeft);
    }

    [Fact]
    public void A_paced_modbus_feeder_never_runs_ahead_of_the_wall()
    {
        // Two simulated hours of the same feeder at speed 1000 on the host's own clock: at least 7.2 s of real
        // time (a lower bound only, so a loaded machine cannot make it fail; before the fix it took about 3 s).
        string file = Path.Combine(Directory.CreateTempSubdirectory("openami-pacing-").FullName, "short.json");
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(ScenarioFiles.Directory, "broker-outage.json")))!;
        document["durationS"] = 7200;
        document["events"] = new JsonArray();
        document["config"] = Path.Combine(ScenarioFiles.Directory, "feeder-modbus.json");
        File.WriteAllText(file, document.ToJsonString());
        var (scenario, config) = FeederEmulation.Load(file, null);

        var watch = Stopwatch.StartNew();
        FeederEmulation.Run(scenario, config, 1000, new LineBrokerLink(TextWriter.Null));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(7.2), $"ran in {watch.Elapsed}");
    }
}
