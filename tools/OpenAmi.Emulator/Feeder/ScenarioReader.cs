using System.Globalization;
using System.Text.Json;
using OpenAmi.Gateway.Config;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// Reads a scenario file and checks it against the feeder it runs on, collecting every error with its path
/// (the same "$.events[3].meter: reason" style as the gateway configuration). Unknown members are errors.
/// </summary>
public static class ScenarioReader
{
    /// <summary>Waveform names of `openami rcm simulate` (issue 7).</summary>
    public static readonly string[] Waveforms = ["dc", "ac", "halfwave", "phase90", "phase135", "acdc", "hf"];

    private static readonly string[] RootMembers = ["name", "description", "start", "durationS", "config", "events"];
    private static readonly string[] EventMembers = ["atS", "type", "meter", "line", "waveform", "ma", "account", "token", "bypassPercent", "driftS", "obis", "attribute", "axdr"];

    /// <summary>The longest run a scenario may ask for: 31 simulated days.</summary>
    public const long MaxDurationS = 31L * 86400;

    public static Scenario Parse(string json)
    {
        var errors = new List<ScenarioError>();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ScenarioException([new ScenarioError("$", "not valid JSON: " + e.Message)]);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException([new ScenarioError("$", "a scenario is a JSON object")]);
        }

        Unknown(root, "$", RootMembers, errors);
        string name = String(root, "name", "$.name", errors, required: true) ?? "";
        string description = String(root, "description", "$.description", errors, required: false) ?? "";
        string? config = String(root, "config", "$.config", errors, required: false);
        DateTime start = Start(root, errors);
        double durationS = Number(root, "durationS", "$.durationS", errors, required: true, 1, MaxDurationS);
        var events = new List<ScenarioEvent>();
        if (!root.TryGetProperty("events", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ScenarioError("$.events", "required: an array of events"));
        }
        else
        {
            int index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var parsed = ReadEvent(item, $"$.events[{index}]", durationS, errors);
                if (parsed != null)
                {
                    events.Add(parsed);
                }

                index++;
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        // Stable order: events at the same instant happen in file order.
        var ordered = events.Select((e, i) => (e, i)).OrderBy(p => p.e.AtMs).ThenBy(p => p.i).Select(p => p.e).ToList();
        return new Scenario(name, description, start, (long)Math.Round(durationS * 1000), config, ordered);
    }

    /// <summary>Errors for events naming meters, lines or keypad accounts the feeder does not have.</summary>
    public static IReadOnlyList<ScenarioError> CheckAgainst(Scenario scenario, GatewayConfig config)
    {
        var errors = new List<ScenarioError>();
        for (int i = 0; i < scenario.Events.Count; i++)
        {
            var e = scenario.Events[i];
            string path = $"$.events[{i}]";
            if (e.Meter != null && !config.Meters.Any(m => m.Id == e.Meter))
            {
                errors.Add(new ScenarioError(path + ".meter", $"the feeder has no meter '{e.Meter}' (has: {string.Join(", ", config.Meters.Select(m => m.Id))})"));
            }

            if (e.Line != null && config.Channel(e.Line) == null)
            {
                errors.Add(new ScenarioError(path + ".line", $"the feeder has no tenant line '{e.Line}'"));
            }
            else if (e.Type == ScenarioEventType.RemoteReconnect && !config.Meters.Any(m => m.Line == e.Line))
            {
                errors.Add(new ScenarioError(path + ".line", $"no meter measures line '{e.Line}': a head-end reconnect addresses a meter"));
            }

            if (e.Type == ScenarioEventType.HostileValue && config.Meters.Any(m => m.Id == e.Meter && m.Protocol != MeterProtocol.Dlms))
            {
                errors.Add(new ScenarioError(path + ".meter", $"'{e.Meter}' is not a DLMS meter: a hostile_value replaces a COSEM attribute's answer"));
            }

            if (e.Account != null && !config.Meters.Any(m => m.Account == e.Account))
            {
                errors.Add(new ScenarioError(path + ".account", $"no meter has keypad account '{e.Account}'"));
            }

            var target = config.Meters.FirstOrDefault(m => m.Id == e.Meter || (e.Meter == null && e.Account != null && m.Account == e.Account));
            if (e.Token != null && ScenarioTokenVendor.IsVendRequest(e.Token) && target is { Prepaid: not PrepaidMode.Sts })
            {
                errors.Add(new ScenarioError(path + ".token", $"'{e.Token}': meter '{target.Id}' is not an STS meter (prepaid: sts), nothing to vend for"));
            }
        }

        return errors;
    }

    private static ScenarioEvent? ReadEvent(JsonElement item, string path, double durationS, List<ScenarioError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ScenarioError(path, "an event is a JSON object"));
            return null;
        }

        int before = errors.Count;
        Unknown(item, path, EventMembers, errors);
        double atS = Number(item, "atS", path + ".atS", errors, required: true, 0, durationS);
        string? typeName = String(item, "type", path + ".type", errors, required: true);
        if (typeName == null)
        {
            return null;
        }

        int typeIndex = Array.IndexOf(ScenarioEventTypes.Names, typeName);
        if (typeIndex < 0)
        {
            errors.Add(new ScenarioError(path + ".type", $"must be one of {string.Join(", ", ScenarioEventTypes.Names)}, not '{typeName}'"));
            return null;
        }

        var type = (ScenarioEventType)typeIndex;
        var required = ScenarioEventTypes.Required(type);
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name != "atS" && property.Name != "type" && EventMembers.Contains(property.Name) && !required.Contains(property.Name))
            {
                errors.Add(new ScenarioError(path + "." + property.Name, $"not used by a {typeName} event"));
            }
        }

        var e = new ScenarioEvent(
            (long)Math.Round(atS * 1000),
            type,
            Meter: required.Contains("meter") ? String(item, "meter", path + ".meter", errors, true) : null,
            Line: required.Contains("line") ? String(item, "line", path + ".line", errors, true) : null,
            Waveform: required.Contains("waveform") ? Choice(item, "waveform", path + ".waveform", Waveforms, errors) : null,
            Ma: required.Contains("ma") ? Number(item, "ma", path + ".ma", errors, true, 0.001, 10_000) : 0,
            Account: required.Contains("account") ? String(item, "account", path + ".account", errors, true) : null,
            Token: required.Contains("token") ? Digits(item, path + ".token", errors) : null,
            BypassPercent: required.Contains("bypassPercent") ? Number(item, "bypassPercent", path + ".bypassPercent", errors, true, 1, 100) : 0,
            DriftS: required.Contains("driftS") ? Number(item, "driftS", path + ".driftS", errors, true, -86400, 86400) : 0,
            Obis: required.Contains("obis") ? Obis(item, path + ".obis", errors) : null,
            Attribute: required.Contains("attribute") ? (int)Number(item, "attribute", path + ".attribute", errors, true, 2, 255) : 0,
            Axdr: required.Contains("axdr") ? Axdr(item, path + ".axdr", errors) : null);
        return errors.Count == before ? e : null;
    }

    private static OpenAmi.Dlms.Cosem.ObisCode? Obis(JsonElement item, string path, List<ScenarioError> errors)
    {
        string? text = String(item, "obis", path, errors, true);
        if (text != null && OpenAmi.Dlms.Cosem.ObisCode.TryParse(text, out var code))
        {
            return code;
        }

        if (text != null)
        {
            errors.Add(new ScenarioError(path, $"'{text}' is not a logical name such as 1-0:1.7.0*255"));
        }

        return null;
    }

    /// <summary>The meter's answer as A-XDR data in hex (type tag first): exactly one complete value.</summary>
    private static OpenAmi.Dlms.Axdr.DataValue? Axdr(JsonElement item, string path, List<ScenarioError> errors)
    {
        string? text = String(item, "axdr", path, errors, true);
        if (text == null)
        {
            return null;
        }

        try
        {
            byte[] bytes = Convert.FromHexString(text.Replace(" ", ""));
            var reader = new OpenAmi.Dlms.Axdr.AxdrReader(bytes);
            var value = reader.ReadData();
            if (reader.Remaining == 0)
            {
                return value;
            }
        }
        catch (FormatException)
        {
        }
        catch (OpenAmi.Dlms.DlmsException)
        {
        }

        errors.Add(new ScenarioError(path, "must be the hex of exactly one A-XDR data value, e.g. 187FF8000000000000 (float64 NaN)"));
        return null;
    }

    private static DateTime Start(JsonElement root, List<ScenarioError> errors)
    {
        var fallback = new DateTime(2026, 6, 22, 14, 0, 0, DateTimeKind.Utc);
        string? text = String(root, "start", "$.start", errors, required: false);
        if (text == null)
        {
            return fallback;
        }

        if (!text.EndsWith('Z') || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
        {
            errors.Add(new ScenarioError("$.start", "must be an ISO-8601 UTC time such as 2026-06-22T14:00:00Z"));
            return fallback;
        }

        return start;
    }

    /// <summary>
    /// STS tokens are 20 digits; OpenPAYGO tokens 9 or more: digits only, checked further by Prepaid. Or
    /// "vend:&lt;kWh&gt;kWh": a genuine STS token vended for the target meter when the event runs.
    /// </summary>
    private static string? Digits(JsonElement item, string path, List<ScenarioError> errors)
    {
        string? token = String(item, "token", path, errors, true);
        if (token != null && ScenarioTokenVendor.IsVendRequest(token))
        {
            if (!ScenarioTokenVendor.TryParseKWh(token, out _))
            {
                errors.Add(new ScenarioError(path, $"'{token}' is not a vending request vend:<kWh>kWh (e.g. vend:5kWh)"));
                return null;
            }
        }
        else if (token != null && !token.All(char.IsAsciiDigit))
        {
            errors.Add(new ScenarioError(path, "a token is keyed as digits only"));
            return null;
        }

        return token;
    }

    private static void Unknown(JsonElement node, string path, string[] allowed, List<ScenarioError> errors)
    {
        foreach (var property in node.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                errors.Add(new ScenarioError(path + "." + property.Name, $"unknown member (allowed: {string.Join(", ", allowed)})"));
            }
        }
    }

    private static string? String(JsonElement node, string name, string path, List<ScenarioError> errors, bool required)
    {
        if (!node.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add(new ScenarioError(path, "required"));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            errors.Add(new ScenarioError(path, "must be a non-empty string"));
            return null;
        }

        return value.GetString();
    }

    private static string? Choice(JsonElement node, string name, string path, string[] names, List<ScenarioError> errors)
    {
        string? value = String(node, name, path, errors, true);
        if (value != null && !names.Contains(value))
        {
            errors.Add(new ScenarioError(path, $"must be one of {string.Join(", ", names)}, not '{value}'"));
            return null;
        }

        return value;
    }

    private static double Number(JsonElement node, string name, string path, List<ScenarioError> errors, bool required, double min, double max)
    {
        if (!node.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add(new ScenarioError(path, "required"));
            }

            return min;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new ScenarioError(path, "must be a number"));
            return min;
        }

        double number = value.GetDouble();
        if (number < min || number > max)
        {
            errors.Add(new ScenarioError(path, $"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {number.ToString(CultureInfo.InvariantCulture)}"));
            return min;
        }

        return number;
    }
}
