using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
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

        var config = ReadConfig(configPath, File.ReadAllText(configPath));
        var mismatches = ScenarioReader.CheckAgainst(scenario, config);
        if (mismatches.Count > 0)
        {
            throw new ScenarioException(mismatches);
        }

        return (scenario, config);
    }

    /// <summary>
    /// A feeder configuration of one's own (e.g. docs/provisioning/gateway.json) under the timing of
    /// <paramref name="timingScenarioPath"/> without its events, which name the ready feeders' meters. The emulator is
    /// the broker and the head-end, so a provisioning template's placeholder command key (not hex yet) is replaced by
    /// <see cref="TemplateCommandKeyHex"/>; <c>KeyReplaced</c> says whether it was.
    /// </summary>
    /// <param name="configPath">The configuration; null for the one the timing scenario names.</param>
    public static (Scenario Scenario, GatewayConfig Config, bool KeyReplaced) LoadFeeder(string timingScenarioPath, string? configPath)
    {
        var timing = ScenarioReader.Parse(File.ReadAllText(timingScenarioPath));
        configPath ??= timing.ConfigPath == null
            ? throw new ScenarioException([new ScenarioError("$.config", "required (or pass --config): the feeder configuration to run")])
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(timingScenarioPath))!, timing.ConfigPath);
        var document = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject
            ?? throw new ScenarioException([new ScenarioError(Path.GetFileName(configPath) + " $", "the configuration is a JSON object")]);
        bool replace = document["northbound"] is JsonObject northbound
            && northbound["commandKeyHex"] is JsonValue key && key.GetValueKind() == JsonValueKind.String && !IsHex(key.GetValue<string>());
        if (replace)
        {
            document["northbound"]!["commandKeyHex"] = TemplateCommandKeyHex;
        }

        var scenario = timing with
        {
            Name = Path.GetFileNameWithoutExtension(configPath),
            Description = $"{Path.GetFileName(configPath)} under the timing of scenario '{timing.Name}', without its events",
            ConfigPath = configPath,
            Events = [],
        };
        return (scenario, ReadConfig(configPath, document.ToJsonString()), replace);
    }

    /// <summary>The command key of the ready feeders, also used in place of a template's placeholder.</summary>
    public const string TemplateCommandKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    private static GatewayConfig ReadConfig(string configPath, string json)
    {
        var loaded = ConfigReader.Load(json, null);
        if (!loaded.IsValid)
        {
            throw new ScenarioException(loaded.Errors.Cast<ConfigError>().Select(e => new ScenarioError(Path.GetFileName(configPath) + " " + e.Path, e.Reason)).ToList());
        }

        return loaded.Config;
    }

    private static bool IsHex(string text) => text.Length > 0 && text.Length % 2 == 0 && text.All(Uri.IsHexDigit);

    /// <param name="stop">Ends the run early (Ctrl-C of a live run); the summary covers what ran.</param>
    /// <param name="attach">Given the running pole before its first step (the installer's web page); what it returns is disposed before the pole.</param>
    public static EmulationSummary Run(Scenario scenario, GatewayConfig config, double speed, IFeederBroker broker, CancellationToken stop = default, Func<FeederWorld, IDisposable>? attach = null) =>
        Run(scenario, config, new SimulatedClock(scenario.StartUtc, speed), broker, stop, attach);

    /// <summary>A run on a given clock (a paced one whose real time a test controls).</summary>
    public static EmulationSummary Run(Scenario scenario, GatewayConfig config, SimulatedClock clock, IFeederBroker broker, CancellationToken stop = default, Func<FeederWorld, IDisposable>? attach = null)
    {
        var watch = Stopwatch.StartNew();
        using var world = new FeederWorld(config, clock, broker);
        using var attached = attach?.Invoke(world);
        using var wakeOnStop = stop.Register(clock.Wake);
        // A paced run gives the broker real time between steps anyway.
        Action? settle = clock.Speed == 0 ? broker.Settle : null;
        var runner = new FeederRunner(clock, () => world.Scheduler, scenario, world.Apply) { Stop = stop, BeforeTimeJump = settle };
        runner.Run();
        world.Finish();
        world.Summary.ScenarioName = scenario.Name;
        world.Summary.SimulatedMs = clock.NowMs;
        world.Summary.WallSeconds = watch.Elapsed.TotalSeconds;
        return world.Summary;
    }
}
