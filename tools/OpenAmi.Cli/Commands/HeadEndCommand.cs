using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenAmi.Cli.HeadEnd;
using OpenAmi.Northbound;
using OpenAmi.Northbound.Envelope;

namespace OpenAmi.Cli.Commands;

/// <summary>
/// `openami command sign|send`: what a head-end does with a gateway command (docs/northbound.md, "Commands"):
/// build and sign it with the gateway's command key, publish it and wait for the gateway's acks.
/// </summary>
public static partial class HeadEndCommand
{
    private const string TimeHelp = "YYYY-MM-DDTHH:MM:SSZ";

    public static Command Create()
    {
        var command = new Command("command", "Gateway commands as a head-end sends them: sign, send and wait for the acks.");
        command.Subcommands.Add(CreateSign());
        command.Subcommands.Add(CreateSend());
        return command;
    }

    private static Command CreateSign()
    {
        var options = new CommandOptions();
        var command = new Command("sign", "Prints {topic, signedText (what the HMAC covers), command (the payload, with its signature)}.");
        options.AddTo(command);
        command.SetAction(parse => Guard(() => CliOutput.Json(options.Build(parse).ToJson())));
        return command;
    }

    private static Command CreateSend()
    {
        var options = new CommandOptions();
        var broker = new Option<string>("--broker") { Description = "the gateway's broker, mqtt://host:port", Required = true };
        var timeout = new Option<double>("--timeout") { Description = "seconds to wait for the final ack (done or rejected)", DefaultValueFactory = _ => 30 };
        var command = new Command(
            "send",
            "Signs, publishes (QoS 1) and waits for the gateway's command_acks. Prints {topic, id, status, reason?, acks}; " +
            "exit 0 when done, 1 when rejected or no final ack came in time.");
        options.AddTo(command);
        command.Options.Add(broker);
        command.Options.Add(timeout);
        command.SetAction(parse => Guard(() =>
        {
            if (!EmulateCommand.TryParseBroker(parse.GetValue(broker)!, out string host, out int port))
            {
                throw new ArgumentException($"--broker must be mqtt://host:port, not '{parse.GetValue(broker)}'");
            }

            double seconds = parse.GetValue(timeout);
            if (!(seconds > 0))
            {
                throw new ArgumentException("--timeout must be positive");
            }

            SignedCommand signed = options.Build(parse);
            JsonArray acks = new CommandSender(host, port).Send(signed, TimeSpan.FromSeconds(seconds));
            return Report(signed, acks, seconds);
        }));
        return command;
    }

    private static int Report(SignedCommand signed, JsonArray acks, double seconds)
    {
        JsonNode? last = acks.Count == 0 ? null : acks[acks.Count - 1];
        string? status = last?["status"]?.GetValue<string>();
        if (status is not ("done" or "rejected"))
        {
            return CliOutput.Fail($"no final command_ack for '{signed.Id}' within {seconds.ToString(CultureInfo.InvariantCulture)} s ({acks.Count} ack(s) before)");
        }

        var result = new JsonObject { ["topic"] = signed.Topic, ["id"] = signed.Id, ["status"] = status };
        if (last!["reason"] is { } reason)
        {
            result["reason"] = reason.DeepClone();
        }

        result["acks"] = acks;
        CliOutput.Json(result);
        return status == "done" ? 0 : CliOutput.InputError;
    }

    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException e)
        {
            return CliOutput.Fail(e.Message, CliOutput.UsageError);
        }
        catch (NorthboundException e)
        {
            return CliOutput.Fail("broker: " + e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CliOutput.Fail(e.Message);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex CommandId();

    /// <summary>The options sign and send share: key, target, command.</summary>
    private sealed class CommandOptions
    {
        private readonly Option<string?> _key = new("--key") { Description = "the gateway's command key as northbound.commandKeyHex (hex, at least 32 bytes)" };
        private readonly Option<string?> _keyFile = new("--key-file") { Description = "a file holding the command key in hex (northbound.commandKeyHex)" };
        private readonly Option<string?> _topic = new("--topic") { Description = "the command topic, openami/v1/{feederId}/{gatewayId}/meter/{meterSerial}/command" };
        private readonly Option<string?> _feeder = new("--feeder") { Description = "feederId (with --gateway and --meter, instead of --topic)" };
        private readonly Option<string?> _gateway = new("--gateway") { Description = "gatewayId" };
        private readonly Option<string?> _meter = new("--meter") { Description = "meterSerial (the meter's configuration id; any of the gateway's for gateway-wide commands)" };
        private readonly Option<string> _type = new("--type") { Description = "read-now | disconnect | reconnect | token | clock-sync | set-interval | reboot | config | read-profile", Required = true };
        private readonly Option<string> _params = new("--params") { Description = "params as a JSON object", DefaultValueFactory = _ => "{}" };
        private readonly Option<string?> _id = new("--id") { Description = "command id, 1-64 of [A-Za-z0-9._:-] (default: cli-<issued>-<random>)" };
        private readonly Option<string?> _issued = new("--issued") { Description = "issued time, " + TimeHelp + " (default: now)" };
        private readonly Option<int> _validFor = new("--valid-for") { Description = "seconds from issued to expiry (at most 86400)", DefaultValueFactory = _ => 300 };

        public void AddTo(Command command)
        {
            foreach (Option option in new Option[] { _key, _keyFile, _topic, _feeder, _gateway, _meter, _type, _params, _id, _issued, _validFor })
            {
                command.Options.Add(option);
            }
        }

        public SignedCommand Build(ParseResult parse)
        {
            byte[] key = Key(parse.GetValue(_key), parse.GetValue(_keyFile));
            string topic = Topic(parse);
            JsonObject parameters = Parameters(parse.GetValue(_params)!);
            DateTime issued = parse.GetValue(_issued) is { } text ? ParseTime(text) : TruncateToSecond(DateTime.UtcNow);
            string id = parse.GetValue(_id) ?? "cli-" + issued.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
            if (!CommandId().IsMatch(id))
            {
                throw new ArgumentException($"--id must be 1-64 of [A-Za-z0-9._:-], not '{id}'");
            }

            return SignedCommand.Build(key, topic, id, parse.GetValue(_type)!, parameters, issued, issued.AddSeconds(parse.GetValue(_validFor)));
        }

        private static byte[] Key(string? hex, string? file)
        {
            if ((hex == null) == (file == null))
            {
                throw new ArgumentException("give the command key with exactly one of --key HEX or --key-file FILE");
            }

            string text = (hex ?? File.ReadAllText(file!)).Trim();
            if (text.Length < 64 || text.Length % 2 != 0 || !text.All(Uri.IsHexDigit))
            {
                throw new ArgumentException("the command key is northbound.commandKeyHex: hex digits, two per byte, at least 32 bytes");
            }

            return Convert.FromHexString(text);
        }

        private string Topic(ParseResult parse)
        {
            string? feeder = parse.GetValue(_feeder);
            string? gateway = parse.GetValue(_gateway);
            string? meter = parse.GetValue(_meter);
            if (parse.GetValue(_topic) is { } topic)
            {
                if (feeder != null || gateway != null || meter != null)
                {
                    throw new ArgumentException("give either --topic or --feeder/--gateway/--meter, not both");
                }

                string[] levels = topic.Split('/');
                if (levels.Length != 7 || levels[0] != "openami" || levels[1] != "v1" || levels[4] != "meter" || levels[6] != "command")
                {
                    throw new ArgumentException($"--topic must be openami/v1/{{feederId}}/{{gatewayId}}/meter/{{meterSerial}}/command, not '{topic}'");
                }

                feeder = levels[2];
                gateway = levels[3];
                meter = levels[5];
            }

            if (feeder == null || gateway == null || meter == null)
            {
                throw new ArgumentException("give --topic, or all of --feeder, --gateway and --meter");
            }

            try
            {
                return new Topics(feeder, gateway).Command(meter);
            }
            catch (NorthboundException e)
            {
                throw new ArgumentException(e.Message);
            }
        }

        private static JsonObject Parameters(string text)
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw new ArgumentException("--params must be a JSON object");
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ArgumentException("--params is not JSON: " + e.Message);
            }
        }

        private static DateTime ParseTime(string text)
        {
            try
            {
                return IsoTime.Parse(text);
            }
            catch (OpenAmi.Json.JsonException)
            {
                throw new ArgumentException($"--issued must be {TimeHelp}, not '{text}'");
            }
        }

        private static DateTime TruncateToSecond(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }
}
