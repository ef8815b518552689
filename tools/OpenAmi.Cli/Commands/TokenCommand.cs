using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenAmi.Emulator.Sts;
using OpenAmi.Emulator.OpenPayGo;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Cli.Commands;

/// <summary>`openami token openpaygo decode|generate` and `openami token sts inspect`: the firmware's token code on the bench.</summary>
public static class TokenCommand
{
    public static Command Create()
    {
        var token = new Command("token", "Prepaid tokens: decode and generate OpenPAYGO tokens, inspect STS tokens.");
        var openPaygo = new Command("openpaygo", "OpenPAYGO Token (board-switched lines).");
        openPaygo.Subcommands.Add(CreateDecode());
        openPaygo.Subcommands.Add(CreateGenerate());
        var sts = new Command("sts", "STS (IEC 62055-41) tokens carried to meters.");
        sts.Subcommands.Add(CreateInspect());
        token.Subcommands.Add(openPaygo);
        token.Subcommands.Add(sts);
        return token;
    }

    private static Option<string> KeyOption() => new("--key") { Description = "device secret key, 32 hex digits", Required = true };

    private static Option<long> StartingCodeOption() => new("--starting-code") { Description = "device starting code (up to 9 digits)", Required = true };

    private static Option<bool> ExtendedOption() => new("--extended") { Description = "extended token (12 digits; 20 restricted)" };

    private static Option<bool> RestrictedOption() => new("--restricted") { Description = "restricted digit set (digits 1-4 only)" };

    private static Command CreateDecode()
    {
        var key = KeyOption();
        var startingCode = StartingCodeOption();
        var lastCount = new Option<int>("--last-count") { Description = "highest count the device accepted", Required = true };
        var usedCounts = new Option<string?>("--used-counts") { Description = "comma-separated counts already used (unordered entry memory)" };
        var extended = ExtendedOption();
        var restricted = RestrictedOption();
        var token = new Argument<string>("token") { Description = "the token digits" };
        var command = new Command("decode", "Prints {valid:true,type,value,count} or {valid:false,reason}.");
        command.Options.Add(key);
        command.Options.Add(startingCode);
        command.Options.Add(lastCount);
        command.Options.Add(usedCounts);
        command.Options.Add(extended);
        command.Options.Add(restricted);
        command.Arguments.Add(token);
        command.SetAction(parse => Guard(() =>
        {
            var decoder = new OpenPaygoDecoder(ParseKey(parse.GetValue(key)), ParseStartingCode(parse.GetValue(startingCode)), OpenPaygoWindows.Default);
            var state = OpenPaygoCountState.FromUsedCounts(parse.GetValue(lastCount), ParseCounts(parse.GetValue(usedCounts)));
            var result = decoder.Decode(parse.GetValue(token)!, parse.GetValue(extended), parse.GetValue(restricted), state);
            return CliOutput.Json(DecodeJson(result));
        }));
        return command;
    }

    internal static JsonObject DecodeJson(OpenPaygoDecodeResult result) => result.IsValid
        ? new JsonObject
        {
            ["valid"] = true,
            ["type"] = OpenPaygoTokenTypeNames.ToName(result.Type),
            ["value"] = result.Value,
            ["count"] = result.Count,
        }
        : new JsonObject { ["valid"] = false, ["reason"] = result.Reason };

    private static Command CreateGenerate()
    {
        var key = KeyOption();
        var startingCode = StartingCodeOption();
        var count = new Option<int>("--count") { Description = "the last count issued for this device", Required = true };
        var type = new Option<string>("--type") { Description = "add_time | set_time | disable_payg | counter_sync", Required = true };
        var value = new Option<long?>("--value") { Description = "activation value (add_time, set_time)" };
        var extended = ExtendedOption();
        var restricted = RestrictedOption();
        var command = new Command("generate", "Prints {token,count}: the token for the next count of the right parity.");
        command.Options.Add(key);
        command.Options.Add(startingCode);
        command.Options.Add(count);
        command.Options.Add(type);
        command.Options.Add(value);
        command.Options.Add(extended);
        command.Options.Add(restricted);
        command.SetAction(parse => Guard(() =>
        {
            var kind = OpenPaygoTokenTypeNames.Parse(parse.GetValue(type)!);
            if (kind == OpenPaygoTokenType.None)
            {
                throw new ArgumentException("--type must be add_time, set_time, disable_payg or counter_sync");
            }

            var needsValue = kind is OpenPaygoTokenType.AddTime or OpenPaygoTokenType.SetTime;
            var given = parse.GetValue(value);
            if (needsValue != given.HasValue)
            {
                throw new ArgumentException(needsValue ? "--value is required for add_time and set_time" : "--value is not allowed for this type");
            }

            var generator = new OpenPaygoGenerator(ParseKey(parse.GetValue(key)), ParseStartingCode(parse.GetValue(startingCode)));
            var text = generator.Generate(kind, given ?? 0, parse.GetValue(count), parse.GetValue(extended), parse.GetValue(restricted), out var newCount);
            return CliOutput.Json(new JsonObject { ["token"] = text, ["count"] = newCount });
        }));
        return command;
    }

    private static Command CreateInspect()
    {
        var decoderKey = new Option<string?>("--decoder-key") { Description = "meter decoder key (16 hex digits): also decrypt with the emulator's EA07 and check the CRC" };
        var token = new Argument<string>("token") { Description = "20 digits (spaces and dashes between groups allowed)" };
        var command = new Command("inspect", "Prints {valid,class,...}: what the gateway can tell without a key (class 1: fields and CRC; with --decoder-key also classes 0 and 2). A failed CRC is {valid:false,reason:crc,...,crc_ok:false}.");
        command.Options.Add(decoderKey);
        command.Arguments.Add(token);
        var format = CliOutput.FormatOption();
        command.Options.Add(format);
        command.SetAction(parse => Guard(() => CliOutput.Print(Inspect(parse.GetValue(token)!, parse.GetValue(decoderKey)), parse.GetValue(format)!)));
        return command;
    }

    internal static JsonObject Inspect(string text, string? decoderKeyHex)
    {
        var digits = new string(text.Where(c => c is not (' ' or '-')).ToArray());
        if (!StsTokenNumber.TryParse(digits, out var number, out var reason))
        {
            var refused = new JsonObject { ["valid"] = false, ["reason"] = reason };
            if (reason == "reserved_class")
            {
                refused["class"] = 3;
            }

            return refused;
        }

        StsClass1Token? plain = number.TokenClass == 1 ? StsClass1Token.Decode(number) : null;
        StsDecodedToken? decrypted = plain is null && decoderKeyHex is not null
            ? StsDecodedToken.Decode(number, ulong.Parse(RequireHex(decoderKeyHex, 16, "--decoder-key"), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            : null;
        bool? crcOk = plain?.CrcValid ?? decrypted?.CrcValid;

        var json = new JsonObject { ["valid"] = crcOk != false };
        if (crcOk == false)
        {
            json["reason"] = "crc";
        }

        json["class"] = number.TokenClass;
        json["class_name"] = ClassName(number.TokenClass);
        json["digits"] = digits;
        json["hex"] = $"{number.High:X1}{number.Low:X16}";
        json["encrypted"] = number.TokenClass != 1;
        if (crcOk is bool ok)
        {
            json["crc_ok"] = ok;
        }

        if (plain is StsClass1Token token)
        {
            AddClass1(json, token);
        }
        else if (decrypted is { CrcValid: true })
        {
            // Fields of a block decrypted with the wrong key are noise: shown only when the CRC holds.
            AddDecrypted(json, decrypted);
        }

        return json;
    }

    /// <summary>Class 1 is not encrypted: its fields are read without a key.</summary>
    private static void AddClass1(JsonObject json, StsClass1Token token)
    {
        json["subclass"] = token.Subclass;
        if (token.IsTestDisplay)
        {
            json["control"] = token.Control;
            json["manufacturer_code"] = token.ManufacturerCode.ToString(CultureInfo.InvariantCulture).PadLeft(token.ManufacturerCodeDigits, '0');
        }
        else
        {
            json["data"] = token.Data;
        }
    }

    private static void AddDecrypted(JsonObject json, StsDecodedToken decoded)
    {
        json["subclass"] = decoded.Subclass;
        json["rnd"] = decoded.Rnd;
        json["tid"] = decoded.Tid;
        json["field"] = decoded.Field;
        if (decoded.TokenClass == 0)
        {
            json["amount_units"] = decoded.Units;
        }
    }

    private static string ClassName(int tokenClass) => tokenClass switch
    {
        0 => "credit_transfer",
        1 => "non_meter_specific_management",
        _ => "meter_specific_management",
    };

    private static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ArgumentException e)
        {
            return CliOutput.Fail(FirstSentence(e.Message), CliOutput.UsageError);
        }
        catch (FormatException e)
        {
            return CliOutput.Fail(FirstSentence(e.Message), CliOutput.UsageError);
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        message = end < 0 ? message : message[..end];
        end = message.IndexOf('\n');
        return end < 0 ? message : message[..end].TrimEnd();
    }

    private static byte[] ParseKey(string? hex) => Convert.FromHexString(RequireHex(hex, 32, "--key"));

    private static string RequireHex(string? hex, int digits, string option)
    {
        if (hex is null || hex.Length != digits || !hex.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"{option} must be {digits} hex digits");
        }

        return hex;
    }

    private static uint ParseStartingCode(long code) => code is >= 0 and <= OpenPaygoCodeChain.StandardMaxCode
        ? (uint)code
        : throw new ArgumentException("--starting-code must be 0..999999999");

    private static int[] ParseCounts(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return [];
        }

        return list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? n
                : throw new ArgumentException($"--used-counts: '{s}' is not a count"))
            .ToArray();
    }
}
