using System.CommandLine;
using OpenAmi.Emulator.Feeder;
using OpenAmi.Emulator.Mqtt;
using OpenAmi.Gateway.Config;
using OpenAmi.Northbound;

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
        var command = new Command("emulate", "Run a simulated feeder through the real gateway libraries (see docs/emulator.md).");
        command.Options.Add(scenario);
        command.Options.Add(config);
        command.Options.Add(speed);
        command.Options.Add(broker);
        command.SetAction(parse => Run(parse.GetValue(scenario), parse.GetValue(config), parse.GetValue(speed), parse.GetValue(broker)));
        return command;
    }

    private static int Run(string? scenarioPath, string? configPath, double speed, string? brokerUri)
    {
        if (speed < 0 || double.IsNaN(speed))
        {
            return CliOutput.Fail("--speed must be 0 (as fast as possible) or positive", CliOutput.UsageError);
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
            var (scenario, feeder) = scenarioPath == null && configPath != null ? LoadOwnFeeder(path, configPath) : FeederEmulation.Load(path, configPath);
            if (brokerUri == null)
            {
                var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = speed > 0 };
                var summary = FeederEmulation.Run(scenario, feeder, speed, new LineBrokerLink(stdout));
                stdout.Flush();
                Console.Error.WriteLine(summary.ToJson().ToJsonString());
                return 0;
            }

            if (!TryParseBroker(brokerUri, out string host, out int port))
            {
                return CliOutput.Fail($"--broker must be mqtt://host:port, not '{brokerUri}'", CliOutput.UsageError);
            }

            using var link = new BrokerOutageLink(new HostMqttClient(host, port));
            return CliOutput.Json(FeederEmulation.Run(scenario, feeder, speed, link).ToJson());
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

    private static (Scenario, GatewayConfig) LoadOwnFeeder(string timingPath, string configPath)
    {
        var (scenario, feeder, keyReplaced) = FeederEmulation.LoadFeeder(timingPath, configPath);
        if (keyReplaced)
        {
            Console.Error.WriteLine($"openami: {Path.GetFileName(configPath)} has a placeholder northbound.commandKeyHex; the emulator accepts commands signed with {FeederEmulation.TemplateCommandKeyHex}");
        }

        return (scenario, feeder);
    }

    /// <summary>tools/scenarios/default.json of the checkout this CLI was built in.</summary>
    internal static string DefaultScenario()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tools", "scenarios", "default.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine("tools", "scenarios", "default.json");
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
