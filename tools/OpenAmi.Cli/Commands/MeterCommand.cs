using System.CommandLine;
using System.Text.Json.Nodes;
using OpenAmi.Cli.Dlms;
using OpenAmi.Cli.Modbus;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Link;
using OpenAmi.Emulator.Bus;
using OpenAmi.Emulator.Dlms;
using OpenAmi.Emulator.Modbus;
using OpenAmi.Metering.AutoProfile;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami meter …`: vendor profile tools and auto-profiling of DLMS meters.</summary>
public static class MeterCommand
{
    public static Command Create()
    {
        var meter = new Command("meter", "Meter tools: validate vendor profiles, list the built-in ones, auto-profile a DLMS meter, scan a Modbus bus.");
        var profile = new Command("profile", "Validate a vendor profile (JSON) and show its VMRS coverage; exit 1 when invalid.");
        var validate = new Option<FileInfo?>("--validate") { Description = "Profile JSON file to validate" };
        var builtIn = new Option<string?>("--builtin") { Description = "Show a built-in profile by id instead of a file" };
        profile.Options.Add(validate);
        profile.Options.Add(builtIn);
        profile.SetAction(parse => Profile(parse.GetValue(validate), parse.GetValue(builtIn)));
        meter.Subcommands.Add(profile);
        meter.Subcommands.Add(AutoProfileCommand());
        meter.Subcommands.Add(ListCommand());
        meter.Subcommands.Add(EmulatedCommand());
        meter.Subcommands.Add(ScanCommand());
        return meter;
    }

    private static Command ListCommand()
    {
        var command = new Command("list", "The built-in vendor profiles: {profiles:[{id, vendor, model, protocol, medium, baud, address}]}.");
        var format = CliOutput.FormatOption();
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var profiles = new JsonArray();
            foreach (VendorProfile p in BuiltInProfiles.All.Select(json => ProfileReader.Load(json).Profile))
            {
                profiles.Add(new JsonObject
                {
                    ["id"] = p.Id,
                    ["vendor"] = p.Vendor,
                    ["model"] = p.Model,
                    ["protocol"] = ProfileNames.Protocols[(int)p.Protocol],
                    ["medium"] = ProfileNames.Media[(int)p.Medium],
                    ["baud"] = p.Baud,
                    ["address"] = p.DefaultAddress,
                });
            }

            return CliOutput.Print(new JsonObject { ["profiles"] = profiles }, parse.GetValue(format)!);
        });
        return command;
    }

    private static Command EmulatedCommand()
    {
        var command = new Command("emulated", "The emulated DLMS meters behind --port emulator:NAME: {meters:[{name, description, port, medium, baud, client, "
            + "server, authentication, password, securityPolicy, ek, ak, serial, readOptions}]}. Test keys only; each meter checks the options it is opened with.");
        var format = CliOutput.FormatOption();
        command.Options.Add(format);
        command.SetAction(parse => CliOutput.Print(new JsonObject
        {
            ["meters"] = new JsonArray(MeterProfile.Emulated.Select(m => (JsonNode)EmulatedMeterAccess.Describe(m)).ToArray()),
        }, parse.GetValue(format)!));
        return command;
    }

    private static Command ScanCommand()
    {
        var command = new Command("scan", "Look for Modbus meters of the built-in models on a bus: at the bus's speed over an address range, "
            + "and with --factory also at each model's factory settings (e.g. an SDM120 fresh from the box at 2400 Bd, address 1).");
        var port = new Option<string?>("--port")
        {
            Description = "The bus: " + ModbusPort.Forms + " (emulated profiles: " + string.Join(", ", ModbusMeterSimulation.ProfileIds) + ")",
        };
        var baud = new Option<int>("--baud") { Description = "The bus's speed (8N1)", DefaultValueFactory = _ => 9600 };
        var from = new Option<int>("--from") { Description = "First address probed at the bus's speed", DefaultValueFactory = _ => 1 };
        var to = new Option<int>("--to") { Description = "Last address probed at the bus's speed", DefaultValueFactory = _ => 1 };
        var factory = new Option<bool>("--factory") { Description = "Also probe each model at its factory speed and address, then put the line back" };
        foreach (var o in new Option[] { port, baud, from, to, factory })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                return Scan(parse.GetValue(port), parse.GetValue(baud), parse.GetValue(from), parse.GetValue(to), parse.GetValue(factory));
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(e.Message, CliOutput.UsageError);
            }
            catch (IOException e)
            {
                return CliOutput.Fail(e.Message);
            }
        });
        return command;
    }

    private static int Scan(string? port, int baud, int from, int to, bool factory)
    {
        if (port == null)
        {
            return CliOutput.Fail("give --port: " + ModbusPort.Forms, CliOutput.UsageError);
        }

        if (from < 1 || to > 247 || from > to)
        {
            return CliOutput.Fail("--from/--to: Modbus addresses are 1..247, --from not above --to", CliOutput.UsageError);
        }

        using (var bus = ModbusPort.Open(port, baud))
        {
            var (serial, line, clock) = (bus.Serial, bus.Line, bus.Clock);
            var models = BuiltInProfiles.All.Select(p => ProfileReader.Load(p).Profile!).Where(p => p.Protocol == MeterProtocol.Modbus).ToArray();
            var registrar = new MeterRegistrar(new ModbusMeterReader(new ModbusMaster(serial, ModbusPort.TimeoutMs)), new MeterInventory(), new NoSink(), clock, null);
            var atBusSpeed = new JsonArray(registrar.ScanModels(from, to, models).Cast<RegistrationResult>().Select(r => (JsonNode)new JsonObject
            {
                ["address"] = r.Address,
                ["registered"] = r.Registered,
                ["profile"] = r.Meter?.Profile.Id,
                ["serial"] = r.Meter?.Serial,
                ["problem"] = r.Problem,
            }).ToArray());
            var output = new JsonObject { ["baud"] = baud, ["atBusSpeed"] = atBusSpeed };
            if (factory)
            {
                // A reader of its own: the scan declares each model at its factory address.
                var scan = new FactoryScan(new ModbusMeterReader(new ModbusMaster(serial, ModbusPort.TimeoutMs)), line);
                output["factory"] = new JsonArray(scan.Run(models).Cast<FactoryFinding>().Select(f => (JsonNode)new JsonObject
                {
                    ["profile"] = f.ProfileId,
                    ["address"] = f.Address,
                    ["baud"] = f.Baud,
                    ["serial"] = f.Serial,
                }).ToArray());
            }

            return CliOutput.Json(output);
        }
    }

    private static Command AutoProfileCommand()
    {
        var command = new Command("autoprofile", "Read a DLMS meter's serial, firmware and object list; print the derived vendor profile and its VMRS gaps "
            + "({serial, firmware, objectCount, valid, profile, gaps}); --output writes the profile alone, as `meter profile --validate` reads it.");
        var emulated = new Option<string?>("--emulated") { Description = "Emulated meter, opened with its own options (`meter emulated`): " + string.Join(", ", MeterProfile.Emulated.Select(p => p.Name)) };
        var port = new Option<string?>("--port") { Description = "Serial device (/dev/ttyUSB0), tcp://host:port, or emulator:NAME opened with the options given here" };
        var optical = new Option<bool>("--optical") { Description = "Optical head: IEC 62056-21 mode E sign-on first" };
        var client = new Option<int>("--client") { Description = "Client SAP (16 public, 1 management)", DefaultValueFactory = _ => 16 };
        var server = new Option<string>("--server") { Description = "Server HDLC address logical:physical[:size], e.g. 1:17", DefaultValueFactory = _ => "1:17" };
        var auth = new Option<string>("--auth") { Description = "none, low (LLS password) or high (HLS-GMAC with --ek and --ak)", DefaultValueFactory = _ => "none" };
        var password = new Option<string?>("--password") { Description = "LLS password" };
        var ek = new Option<string?>("--ek") { Description = "Global encryption key (hex) for HLS/ciphering" };
        var ak = new Option<string?>("--ak") { Description = "Authentication key (hex)" };
        var title = new Option<string?>("--system-title") { Description = "Client system title (hex, 8 bytes)", DefaultValueFactory = _ => "4F414D434C490001" };
        var policy = new Option<int>("--policy") { Description = "Security policy: 0, 16 (auth), 32 (enc), 48 (auth+enc)" };
        var baud = new Option<int>("--baud") { Description = "RS-485 baud rate", DefaultValueFactory = _ => 9600 };
        var id = new Option<string?>("--id") { Description = "Profile id (default auto-<serial>)" };
        var output = new Option<FileInfo?>("--output") { Description = "Also write the derived profile alone to this file (what `meter profile --validate` and a gateway read)" };
        foreach (var o in new Option[] { emulated, port, optical, client, server, auth, password, ek, ak, title, policy, baud, id, output })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            try
            {
                var access = parse.GetValue(emulated) is { } name ? EmulatedAccess(name, parse.GetValue(id)) : new AutoProfileAccess(
                    parse.GetValue(port) ?? throw new ArgumentException("give either --emulated NAME or --port PORT"), parse.GetValue(optical),
                    parse.GetValue(client), MeterReader.ParseServer(parse.GetValue(server)!), parse.GetValue(auth)!, parse.GetValue(password),
                    Hex(parse.GetValue(ek)), Hex(parse.GetValue(ak)), Hex(parse.GetValue(title)), parse.GetValue(policy), parse.GetValue(baud), parse.GetValue(id));
                if (parse.GetValue(emulated) != null && parse.GetValue(port) != null)
                {
                    throw new ArgumentException("give either --emulated NAME or --port PORT");
                }

                return AutoProfile(access, parse.GetValue(output));
            }
            catch (DlmsException e)
            {
                return CliOutput.Fail(e.Message);
            }
            catch (ArgumentException e)
            {
                return CliOutput.Fail(e.Message, CliOutput.UsageError);
            }
            catch (IOException e)
            {
                return CliOutput.Fail(e.Message);
            }
        });
        return command;
    }

    private static byte[]? Hex(string? text) => text == null ? null : DlmsDecoder.ParseHex(text);

    private sealed record AutoProfileAccess(string Port, bool Optical, int Client, MeterReader.HdlcServer Server, string Auth, string? Password,
        byte[]? Ek, byte[]? Ak, byte[]? SystemTitle, int Policy, int Baud, string? Id);

    /// <summary>An emulated meter opened as `meter emulated` says it opens.</summary>
    private static AutoProfileAccess EmulatedAccess(string name, string? id)
    {
        var meter = MeterProfile.ByName(name);
        var secured = meter.Authentication == OpenAmi.Dlms.Client.AuthenticationLevel.HighGmac || meter.SecurityPolicy != 0;
        return new AutoProfileAccess(EmulatorPort + name, meter.OpticalOnly, EmulatedMeterAccess.Client(meter),
            MeterReader.ParseServer(EmulatedMeterAccess.Server(meter)), EmulatedMeterAccess.Auth(meter),
            meter.Authentication == OpenAmi.Dlms.Client.AuthenticationLevel.Low ? System.Text.Encoding.ASCII.GetString(meter.Password) : null,
            secured ? meter.BlockCipherKey : null, secured ? meter.AuthenticationKey : null, Convert.FromHexString("4F414D434C490001"),
            meter.SecurityPolicy, meter.DefaultBaud, id);
    }

    private const string EmulatorPort = "emulator:";

    private static int AutoProfile(AutoProfileAccess a, FileInfo? output)
    {
        if (Array.IndexOf(ProfileNames.Authentications, a.Auth) < 0)
        {
            return CliOutput.Fail("--auth must be none, low or high", CliOutput.UsageError);
        }

        if (a.Policy is not (0 or 16 or 32 or 48))
        {
            return CliOutput.Fail("--policy must be 0, 16, 32 or 48", CliOutput.UsageError);
        }

        using var resources = new MeterReader.Resources();
        var link = MeterReader.OpenLink(a.Port, resources, a.Optical, a.Optical ? Iec21Baud : a.Baud);
        // The profile addresses a meter by its lower HDLC address; an optical head's meter answers at 16 (docs/metering.md).
        int address = a.Optical ? 16 : a.Server.Lower;
        var accessProfile = ProfileReader.Load(Access(a, address));
        if (!accessProfile.IsValid)
        {
            return CliOutput.Fail("cannot address the meter: " + accessProfile.Errors[0], CliOutput.UsageError);
        }

        var aes = new HostAesBlockCipher();
        resources.Add(aes);
        var secret = new DlmsSecret
        {
            Password = a.Password == null ? null : System.Text.Encoding.ASCII.GetBytes(a.Password),
            BlockCipherKey = a.Ek,
            AuthenticationKey = a.Ak,
        };
        var reader = new DlmsMeterReader(link, new DlmsReaderOptions { ResponseTimeoutMs = 2000, Retries = 2, SystemTitle = a.SystemTitle }, new OneSecret(secret),
            aes, new HostRandomSource());
        var registrar = new MeterRegistrar(reader, new MeterInventory(), new NoSink(), new HostClock(), null);
        var result = registrar.RegisterUnknown(address, accessProfile.Profile!);
        reader.Release();
        if (!result.Registered)
        {
            return CliOutput.Fail($"meter at {address}: {result.Problem}");
        }

        var auto = result.AutoProfile!;
        var profile = JsonNode.Parse(auto.Json!)!;
        if (a.Id != null)
        {
            profile["id"] = a.Id;
        }

        bool valid = ProfileReader.Load(profile.ToJsonString()).IsValid;
        if (output != null)
        {
            File.WriteAllText(output.FullName, profile.ToJsonString(CliOutput.Indented) + "\n");
        }

        var gaps = new JsonArray(auto.Gaps.Cast<ProfileGap>().Select(g => (JsonNode)new JsonObject
        {
            ["vmrs"] = g.Item.Code,
            ["name"] = g.Item.Name,
            ["required"] = Requirement(g.Item.Requirement),
            ["reason"] = g.Reason,
        }).ToArray());
        return CliOutput.Json(new JsonObject
        {
            ["serial"] = result.Meter!.Serial,
            ["firmware"] = result.Meter.Firmware,
            ["objectCount"] = auto.ObjectCount,
            ["valid"] = valid,
            ["profile"] = profile,
            ["gaps"] = gaps,
        });
    }

    private const int Iec21Baud = 300;

    /// <summary>The profile that only says how to reach the meter (validated like any profile); its secret is the one given on the command line.</summary>
    private static string Access(AutoProfileAccess a, int address)
    {
        var dlms = new JsonObject { ["client"] = a.Client, ["logicalDevice"] = a.Server.Upper };
        if (a.Auth != "none")
        {
            dlms["authentication"] = a.Auth;
        }

        if (a.Policy != 0)
        {
            dlms["security"] = ProfileNames.SecurityPolicies[a.Policy >> 4];
        }

        if (a.Auth != "none" || a.Policy != 0)
        {
            dlms["secretRef"] = "cli-secret";
        }

        return new JsonObject
        {
            ["id"] = "access",
            ["protocol"] = "dlms",
            ["link"] = new JsonObject { ["medium"] = a.Optical ? "optical" : "rs485", ["baud"] = a.Baud },
            ["address"] = address,
            ["dlms"] = dlms,
            ["items"] = new JsonObject(),
        }.ToJsonString();
    }

    private sealed class OneSecret(DlmsSecret secret) : IDlmsSecretStore
    {
        public DlmsSecret? Find(string secretRef) => secret;
    }

    private sealed class NoSink : IMeteringSink
    {
        public void OnReading(Reading reading) { }
        public void OnEvent(MeteringEvent meteringEvent) { }
    }

    private static int Profile(FileInfo? file, string? builtInId)
    {
        string json;
        string source;
        if (file != null)
        {
            if (!file.Exists)
            {
                return CliOutput.Fail($"no such file: {file.FullName}");
            }

            json = File.ReadAllText(file.FullName);
            source = file.FullName;
        }
        else if (builtInId != null)
        {
            var match = BuiltInProfiles.All.FirstOrDefault(p => ProfileReader.Load(p).Profile?.Id == builtInId);
            if (match == null)
            {
                var ids = string.Join(", ", BuiltInProfiles.All.Select(p => ProfileReader.Load(p).Profile!.Id));
                return CliOutput.Fail($"no built-in profile '{builtInId}'; known: {ids}", CliOutput.UsageError);
            }

            json = match;
            source = "builtin:" + builtInId;
        }
        else
        {
            return CliOutput.Fail("give --validate FILE or --builtin ID", CliOutput.UsageError);
        }

        var result = ProfileReader.Load(json);
        CliOutput.Json(Describe(source, result));
        return result.IsValid ? 0 : CliOutput.InputError;
    }

    internal static JsonObject Describe(string source, ProfileLoadResult result)
    {
        var errors = new JsonArray(result.Errors.Cast<ProfileError>()
            .Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["reason"] = e.Reason }).ToArray());
        var gaps = new JsonArray(result.Gaps.Cast<VmrsItem>()
            .Select(g => (JsonNode)new JsonObject { ["vmrs"] = g.Code, ["name"] = g.Name, ["required"] = Requirement(g.Requirement) }).ToArray());
        var output = new JsonObject { ["source"] = source, ["valid"] = result.IsValid, ["errors"] = errors, ["gaps"] = gaps };
        if (result.Profile != null)
        {
            var p = result.Profile;
            output["profile"] = new JsonObject
            {
                ["id"] = p.Id,
                ["protocol"] = ProfileNames.Protocols[(int)p.Protocol],
                ["medium"] = ProfileNames.Media[(int)p.Medium],
                ["baud"] = p.Baud,
                ["tokenEncoding"] = ProfileNames.TokenEncodings[(int)p.TokenEncoding],
                ["items"] = Items(p.Items),
                ["variants"] = new JsonArray(p.Variants.Select(v => (JsonNode)new JsonObject
                {
                    ["id"] = v.Id,
                    ["evidence"] = v.Evidence,
                    ["importIncludesExport"] = v.ImportIncludesExport,
                    ["items"] = Items(v.Items),
                    ["totalRegister"] = v.Total?.Modbus?.Register,
                }).ToArray()),
                ["tamperBits"] = new JsonArray(p.StatusBits.Where(b => b.Tamper).Select(b => (JsonNode)b.Name).ToArray()),
                ["profiles"] = new JsonArray(p.Profiles.Select(c => (JsonNode)new JsonObject
                {
                    ["logicalName"] = ObisName.Format(c.LogicalName),
                    ["kind"] = ProfileNames.CaptureKinds[(int)c.Kind],
                    ["columns"] = Items(c.Columns),
                }).ToArray()),
            };
        }

        return output;
    }

    private static JsonArray Items(ProfileItem[] items) => new(items.Select(i => (JsonNode)new JsonObject
    {
        ["vmrs"] = i.Item.Code,
        ["class"] = i.Target.ClassId,
        ["logicalName"] = ObisName.Format(i.Target.LogicalName),
        ["attribute"] = i.Target.Attribute,
        ["register"] = i.Modbus?.Register,
    }).ToArray());

    private static string Requirement(VmrsRequirement requirement) => requirement switch
    {
        VmrsRequirement.Required => "yes",
        VmrsRequirement.IfPrepaid => "if-prepaid",
        _ => "no",
    };
}
