using System.Text.Json;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Installer;
using OpenAmi.Gateway.Config;

namespace OpenAmi.Installer.BrowserTests;

/// <summary>
/// The default scenario's pole (tools/scenarios/default.json, feeder-mixed.json) running paced on its own thread, as
/// `openami emulate --web` runs it, with the installer page on a free loopback port. <see cref="Published"/> is the
/// other side of the broker: the MQTT lines the gateway published, read by System.Text.Json.
/// </summary>
public sealed class EmulatedPole : IDisposable
{
    public const string Password = "browser-test-installer";

    private readonly StringWriter _output = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ManualResetEventSlim _ready = new(false);
    private readonly Thread _thread;

    public EmulatedPole(double speed)
    {
        string directory = ScenarioDirectory();
        var (scenario, config) = FeederEmulation.Load(Path.Combine(directory, "default.json"), null);
        Config = config;
        ConfigJson = File.ReadAllText(Path.Combine(directory, scenario.ConfigPath!));
        Port = LoopbackPort.Free();
        var link = new LineBrokerLink(TextWriter.Synchronized(_output));
        scenario = scenario with { DurationMs = long.MaxValue / 2 };
        _thread = new Thread(() => FeederEmulation.Run(scenario, config, speed, link, _stop.Token, world =>
        {
            World = world;
            var web = new FeederWeb(world, link, config, ConfigJson, Port, Password);
            _ready.Set();
            return web;
        }))
        { IsBackground = true, Name = "emulated-pole" };
        _thread.Start();
        if (!_ready.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("the emulated pole did not start");
        }
    }

    public GatewayConfig Config { get; }

    public string ConfigJson { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    public FeederWorld World { get; private set; } = null!;

    /// <summary>Payloads published on topics ending with <paramref name="suffix"/>, in order.</summary>
    public List<JsonElement> Published(string suffix)
    {
        string text;
        lock (_output)
        {
            text = _output.ToString();
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())
            .Where(l => l.GetProperty("topic").GetString()!.EndsWith(suffix))
            .Select(l => l.GetProperty("payload")).ToList();
    }


    private static string ScenarioDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tools", "scenarios");
            if (File.Exists(Path.Combine(candidate, "default.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tools/scenarios not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(60));
        _stop.Dispose();
    }
}
