using System.CommandLine;
using System.Text.Json.Nodes;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami meter …`: vendor profile tools.</summary>
public static class MeterCommand
{
    public static Command Create()
    {
        var meter = new Command("meter", "Meter tools: validate vendor profiles, list the built-in ones.");
        var profile = new Command("profile", "Validate a vendor profile (JSON) and show its VMRS coverage; exit 1 when invalid.");
        var validate = new Option<FileInfo?>("--validate") { Description = "Profile JSON file to validate" };
        var builtIn = new Option<string?>("--builtin") { Description = "Show a built-in profile by id instead of a file" };
        profile.Options.Add(validate);
        profile.Options.Add(builtIn);
        profile.SetAction(parse => Profile(parse.GetValue(validate), parse.GetValue(builtIn)));
        meter.Subcommands.Add(profile);
        return meter;
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
                ["items"] = new JsonArray(p.Items.Select(i => (JsonNode)new JsonObject
                {
                    ["vmrs"] = i.Item.Code,
                    ["class"] = i.Target.ClassId,
                    ["logicalName"] = ObisName.Format(i.Target.LogicalName),
                    ["attribute"] = i.Target.Attribute,
                    ["register"] = i.Modbus?.Register,
                }).ToArray()),
                ["tamperBits"] = new JsonArray(p.StatusBits.Where(b => b.Tamper).Select(b => (JsonNode)b.Name).ToArray()),
            };
        }

        return output;
    }

    private static string Requirement(VmrsRequirement requirement) => requirement switch
    {
        VmrsRequirement.Required => "yes",
        VmrsRequirement.IfPrepaid => "if-prepaid",
        _ => "no",
    };
}
