using System.CommandLine;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Installer;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Gateway.Config;
using OpenAmi.Installer.Security;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Envelope;

namespace OpenAmi.Cli.Commands;

/// <summary>
/// `openami emulate`: a whole feeder in simulated time. Without --broker, every MQTT message is one line on
/// stdout ({"topic":…,"qos":1,"retain":…,"payload":{…}}) and the summary is one JSON line on stderr; with
/// --broker the messages go to the broker and the summary is the one JSON document on stdout.
/// </summary>
public static class EmulateCommand
{
    public static Command Create()
    {
        var scenario = new Option<string?>("--scenario") { Description = "scenario file (default: tools/scenarios/default.json; with only --config, its timing without its events)" };
        var config = new Option<string?>("--config") { Description = "feeder configuration (default: the one the scenario names)" };
        var speed = new Option<double>("--speed") { Description = "simulated seconds per real second; 0 = as fast as possible", DefaultValueFactory = _ => 0 };
        var broker = new Option<string?>("--broker") { Description = "publish to mqtt://host:port instead of stdout" };
        var realtime = new Option<bool>("--realtime")
        {
            Description = "live: wall-clock time from now, the feeder without the scenario's events, until Ctrl-C or --duration; " +
                "prints the topics served and the command key accepted on stderr (drive it with --broker and your own head-end)",
        };
        var duration = new Option<double?>("--duration") { Description = "seconds a --realtime or --web run lasts (default: until interrupted)" };
        var web = new Option<int?>("--web")
        {
            Description = "serve the installer's page and API on http://127.0.0.1:PORT/ while the feeder's day unfolds (at --speed, default real time), " +
                "then keep the pole running until Ctrl-C or --duration",
        };
        var password = new Option<string?>("--password") { Description = "the installer password for --web (10-64 characters; default: a new one, printed on stderr)" };
        var command = new Command("emulate", "Run a simulated feeder through the real gateway libraries (see docs/emulator.md).");
        command.Options.Add(scenario);
        command.Options.Add(config);
        command.Options.Add(speed);
        command.Options.Add(broker);
        command.Options.Add(realtime);
        command.Options.Add(duration);
        command.Options.Add(web);
        command.Options.Add(password);
        command.SetAction(parse => Run(parse.GetValue(scenario), parse.GetValue(config), parse.GetValue(speed), parse.GetValue(broker), parse.GetValue(realtime), parse.GetValue(duration),
            new WebOptions(parse.GetValue(web), parse.GetValue(password))));
        return command;
    }

    private sealed record WebOptions(int? Port, string? Password);

    private static int Run(string? scenarioPath, string? configPath, double speed, string? brokerUri, bool realtime, double? durationS, WebOptions web)
    {
        if (web.Port is int requested && (requested < 1 || requested > 65535))
        {
            return CliOutput.Fail("--web is a TCP port 1-65535", CliOutput.UsageError);
        }

        if (web.Port != null && (brokerUri != null || realtime))
        {
            return CliOutput.Fail("--web runs the scenario's feeder with its output on stdout; it does not combine with --broker or --realtime", CliOutput.UsageError);
        }

        if (web.Password != null && (web.Port == null || web.Password.Length < InstallerPassword.MinLength || web.Password.Length > InstallerPassword.MaxLength))
        {
            return CliOutput.Fail($"--password goes with --web and has {InstallerPassword.MinLength}-{InstallerPassword.MaxLength} characters", CliOutput.UsageError);
        }


        if (speed < 0 || double.IsNaN(speed))
        {
            return CliOutput.Fail("--speed must be 0 (as fast as possible) or positive", CliOutput.UsageError);
        }

        if (durationS != null && ((!realtime && web.Port == null) || !(durationS > 0)))
        {
            return CliOutput.Fail("--duration is a positive number of seconds, for --realtime and --web runs", CliOutput.UsageError);
        }

        string path = scenarioPath ?? DefaultScenario();
        if (!File.Exists(path))
        {
            return CliOutput.Fail($"no scenario file '{path}'", CliOutput.UsageError);
        }

        if (configPath != null && !File.Exists(configPath))
        {
            return CliOutput.Fail($"no configuration file '{configPath}'", CliOutput.UsageError);
        }

        try
        {
            // A configuration of one's own runs under the default scenario's timing: the scenarios' events name their own feeders' meters.
            var (scenario, feeder) = realtime || (scenarioPath == null && configPath != null) ? LoadOwnFeeder(path, configPath) : FeederEmulation.Load(path, configPath);
            using var stop = new CancellationTokenSource();
            if (realtime)
            {
                scenario = Live(scenario, durationS);
                speed = 1;
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Cancel();
                };
                PrintServed(feeder);
            }

            Func<FeederWorld, IDisposable>? attach = null;
            var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = speed > 0 || web.Port != null };
            var lineLink = new LineBrokerLink(stdout);
            if (web.Port is int webPort)
            {
                scenario = scenario with { DurationMs = durationS is double seconds ? (long)Math.Round(seconds * 1000 * (speed > 0 ? speed : 1)) : long.MaxValue / 2 };
                speed = speed > 0 ? speed : 1;
                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Cancel();
                };
                string webPassword = web.Password ?? FeederWeb.NewPassword();
                string configJson = File.ReadAllText(configPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, scenario.ConfigPath!));
                attach = world => new FeederWeb(world, lineLink, feeder, configJson, webPort, webPassword);
                Console.Error.WriteLine($"openami: installer page on http://127.0.0.1:{webPort}/ (password {(web.Password == null ? webPassword : "as given")}); Ctrl-C ends the run");
            }

            if (brokerUri == null)
            {
                var summary = FeederEmulation.Run(scenario, feeder, speed, lineLink, stop.Token, attach);
                stdout.Flush();
                Console.Error.WriteLine(CliOutput.ToText(summary.ToJson()));
                return 0;
            }

            if (!TryParseBroker(brokerUri, out string host, out int port))
            {
                return CliOutput.Fail($"--broker must be mqtt://host:port, not '{brokerUri}'", CliOutput.UsageError);
            }

            using var link = new BrokerOutageLink(new MqttNetLink(host, port));
            return CliOutput.Json(FeederEmulation.Run(scenario, feeder, speed, link, stop.Token).ToJson());
        }
        catch (ScenarioException e)
        {
            return CliOutput.Fail(string.Join("; ", e.Errors.Select(x => x.ToString())));
        }
        catch (NotSupportedException e)
        {
            return CliOutput.Fail(e.Message);
        }
        catch (NorthboundException e)
        {
            return CliOutput.Fail("broker: " + e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // InvalidDataException (a payload that is not JSON) is an IOException too.
            return CliOutput.Fail(e.Message);
        }
    }

    /// <summary>The feeder from now on, in wall-clock time: commands a head-end stamps with the real time are current.</summary>
    private static Scenario Live(Scenario scenario, double? durationS)
    {
        DateTime now = DateTime.UtcNow;
        return scenario with
        {
            Description = "live run of " + scenario.Name,
            StartUtc = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
            DurationMs = durationS is double seconds ? (long)Math.Round(seconds * 1000) : long.MaxValue / 2,
        };
    }

    private static void PrintServed(GatewayConfig feeder)
    {
        var topics = new Topics(feeder.FeederId, feeder.GatewayId);
        Console.Error.WriteLine($"openami: live feeder {feeder.FeederId}/{feeder.GatewayId}, meters {string.Join(", ", feeder.Meters.Select(m => m.Id))}");
        Console.Error.WriteLine($"openami: publishes {topics.Root}/meter/{{meter}}/telemetry, {topics.Root}/meter/{{meter}}/event, {topics.GatewayEvent}, {topics.Status} (retained)");
        Console.Error.WriteLine($"openami: commands on {topics.CommandFilter}, signed with key {Convert.ToHexStringLower(feeder.Northbound.CommandKey)}");
    }

    private static (Scenario, GatewayConfig) LoadOwnFeeder(string timingPath, string? configPath)
    {
        var (scenario, feeder, keyReplaced) = FeederEmulation.LoadFeeder(timingPath, configPath);
        if (keyReplaced)
        {
            Console.Error.WriteLine($"openami: {Path.GetFileName(configPath)} has a placeholder northbound.commandKeyHex; the emulator accepts commands signed with {FeederEmulation.TemplateCommandKeyHex}");
        }

        return (scenario, feeder);
    }

    /// <summary>tools/scenarios/default.json of the checkout this CLI was built in.</summary>
    internal static string DefaultScenario() => RepoFile(Path.Combine("tools", "scenarios", "default.json"));

    /// <summary>A file of the repository the CLI was built in (searched upwards from the build output), else the relative path.</summary>
    internal static string RepoFile(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return relativePath;
    }

    internal static bool TryParseBroker(string uri, out string host, out int port)
    {
        host = "";
        port = 1883;
        if (!uri.StartsWith("mqtt://", StringComparison.Ordinal))
        {
            return false;
        }

        string rest = uri["mqtt://".Length..];
        int colon = rest.LastIndexOf(':');
        host = colon < 0 ? rest : rest[..colon];
        return host.Length > 0 && !host.Contains('/') && (colon < 0 || (int.TryParse(rest[(colon + 1)..], out port) && port is > 0 and < 65536));
    }
}
