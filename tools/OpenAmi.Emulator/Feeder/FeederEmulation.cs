using System.Diagnostics;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Emulator.Feeder;

/// <summary>One `openami emulate` run: load the scenario and its feeder, run it in simulated time, summarise.</summary>
public static class FeederEmulation
{
    /// <summary>Reads a scenario file and the feeder configuration it names (relative to the scenario's folder).</summary>
    public static (Scenario Scenario, GatewayConfig Config) Load(string scenarioPath, string? configOverride)
    {
        var scenario = ScenarioReader.Parse(File.ReadAllText(scenarioPath));
        string? configPath = configOverride
            ?? (scenario.ConfigPath == null ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioPath))!, scenario.ConfigPath));
        if (configPath == null)
        {
            throw new ScenarioException([new ScenarioError("$.config", "required (or pass --config): the feeder configuration to run")]);
        }

        var loaded = ConfigReader.Load(File.ReadAllText(configPath), null);
        if (!loaded.IsValid)
        {
            throw new ScenarioException(loaded.Errors.Cast<ConfigError>().Select(e => new ScenarioError(Path.GetFileName(configPath) + " " + e.Path, e.Reason)).ToList());
        }

        var mismatches = ScenarioReader.CheckAgainst(scenario, loaded.Config);
        if (mismatches.Count > 0)
        {
            throw new ScenarioException(mismatches);
        }

        return (scenario, loaded.Config);
    }

    public static EmulationSummary Run(Scenario scenario, GatewayConfig config, double speed, IFeederBroker broker)
    {
        var watch = Stopwatch.StartNew();
        var clock = new SimulatedClock(scenario.StartUtc, speed);
        using var world = new FeederWorld(config, clock, broker);
        var runner = new FeederRunner(clock, () => world.Scheduler, scenario, world.Apply);
        runner.Run();
        world.Finish();
        world.Summary.ScenarioName = scenario.Name;
        world.Summary.SimulatedMs = clock.NowMs;
        world.Summary.WallSeconds = watch.Elapsed.TotalSeconds;
        return world.Summary;
    }
}
