using System.CommandLine;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Installer;
using OpenAmi.Emulator.Storage;
using OpenAmi.Gateway.Config;
using OpenAmi.Installer.Security;

namespace OpenAmi.Cli.Commands;

/// <summary>
/// `openami config validate FILE`: the device's own reader and validator on a gateway.json before it is flashed;
/// `openami config installer-password DIR`: the board's installer password record, made by the board's own code.
/// </summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var config = new Command("config", "Gateway configuration files (docs/gateway.md).");
        config.Subcommands.Add(CreateValidate());
        config.Subcommands.Add(CreateInstallerPassword());
        return config;
    }

    private static Command CreateInstallerPassword()
    {
        var directory = new Argument<string>("dir") { Description = "the gateway's private provisioning folder (docs/flashing.md, step 5)" };
        var command = new Command(
            "installer-password",
            "Reads the board's installer password (10 to 64 characters) from the first line of standard input, never from the command line, and writes DIR/" +
            InstallerPassword.FileName + ": a random salt and its PBKDF2-HMAC-SHA256 hash, the record the board checks (docs/installer.md).");
        command.Arguments.Add(directory);
        command.SetAction(parse => WritePasswordRecord(parse.GetValue(directory)!));
        return command;
    }

    private static int WritePasswordRecord(string directory)
    {
        string? password = Console.In.ReadLine();
        try
        {
            HostPasswordRecord.Provision(new HostFileStore(directory), password!);
        }
        catch (InstallerPasswordException e)
        {
            return CliOutput.Fail(e.Message, CliOutput.InputError);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CliOutput.Fail(e.Message, CliOutput.UsageError);
        }

        CliOutput.Json(new JsonObject
        {
            ["written"] = Path.Combine(directory, InstallerPassword.FileName),
            ["deployTo"] = "I:\\" + InstallerPassword.FileName,
        });
        return 0;
    }

    private static Command CreateValidate()
    {
        var file = new Argument<string>("file") { Description = "the gateway configuration, e.g. docs/provisioning/gateway.json" };
        var format = new Option<string>("--format") { Description = "text (one 'path: reason' line per error) | json ({valid, errors:[{path, reason}]})", DefaultValueFactory = _ => "text" };
        var command = new Command(
            "validate",
            "Reads FILE exactly as the gateway does at boot (ConfigReader, ConfigValidator) and prints every error as 'path: reason'; exit 1 when invalid.");
        command.Arguments.Add(file);
        command.Options.Add(format);
        command.SetAction(parse => Validate(parse.GetValue(file)!, parse.GetValue(format)!));
        return command;
    }

    private static int Validate(string path, string format)
    {
        if (format is not ("text" or "json"))
        {
            return CliOutput.Fail($"--format must be text or json, not '{format}'", CliOutput.UsageError);
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CliOutput.Fail(e.Message, CliOutput.UsageError);
        }

        // The device reads its configuration before any vendor profile file, hence no known-profile list here either.
        ConfigLoadResult result = ConfigReader.Load(json, null);
        var errors = result.Errors.Cast<ConfigError>().ToList();
        if (format == "json")
        {
            CliOutput.Json(new JsonObject
            {
                ["valid"] = result.IsValid,
                ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["reason"] = e.Reason }).ToArray()),
            });
        }
        else if (result.IsValid)
        {
            var config = result.Config;
            Console.Out.WriteLine($"{path}: valid (feeder {config.FeederId}, gateway {config.GatewayId}, {config.Meters.Length} meters)");
        }
        else
        {
            errors.ForEach(e => Console.Out.WriteLine(e.ToString()));
        }

        return result.IsValid ? 0 : CliOutput.InputError;
    }
}
