using System.Globalization;
using System.Text;
using OpenAmi.Gateway.Config;
using OpenAmi.Json;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// Reads a scenario file and checks it against the feeder it runs on, collecting every error with its path
/// (the same "$.events[3].meter: reason" style and the same JSON path reader as the gateway configuration). Unknown
/// members are errors.
/// </summary>
public static class ScenarioReader
{
    /// <summary>Waveform names of `openami rcm simulate` (issue 7).</summary>
    public static readonly string[] Waveforms = ["dc", "ac", "halfwave", "phase90", "phase135", "acdc", "hf"];

    private static readonly string[] RootMembers = ["name", "description", "start", "durationS", "config", "events"];
    private static readonly string[] EventMembers = ["atS", "type", "meter", "line", "waveform", "ma", "account", "token", "bypassPercent", "driftS", "obis", "attribute", "axdr"];

    /// <summary>A scenario is a host file: a month of events is far beyond the device's 16 KiB documents.</summary>
    private static readonly JsonLimits Limits = new(JsonLimits.Default.MaxDepth, 1024 * 1024);

    /// <summary>The longest run a scenario may ask for: 31 simulated days.</summary>
    public const long MaxDurationS = 31L * 86400;

    public static Scenario Parse(string json)
    {
        JsonIndex document;
        try
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(json);
            document = JsonIndex.Parse(utf8, 0, utf8.Length, Limits);
        }
        catch (OpenAmi.Json.JsonException e)
        {
            throw new ScenarioException([new ScenarioError("$", "not valid JSON: " + e.Message)]);
        }

        int root = document.Root;
        if (document.Kind(root) != JsonKind.Object)
        {
            throw new ScenarioException([new ScenarioError("$", "a scenario is a JSON object")]);
        }

        var fields = new ScenarioFields(document);
        fields.RejectUnknown(root, "$", RootMembers);
        string name = fields.NonEmptyString(root, "name", "$", required: true) ?? "";
        string description = fields.NonEmptyString(root, "description", "$", required: false) ?? "";
        string? config = fields.NonEmptyString(root, "config", "$", required: false);
        DateTime start = Start(fields, root);
        double durationS = fields.NumberBetween(root, "durationS", "$", 1, MaxDurationS, required: true, fallback: 1);
        var events = new List<ScenarioEvent>();
        int array = document.Get(root, "events");
        if (array == JsonIndex.None || document.Kind(array) != JsonKind.Array)
        {
            fields.Error("$.events", "required: an array of events");
        }
        else
        {
            for (int i = 0; i < document.Count(array); i++)
            {
                var parsed = ReadEvent(fields, document.At(array, i), JsonPathReader.Item("$.events", i), durationS);
                if (parsed != null)
                {
                    events.Add(parsed);
                }
            }
        }

        if (fields.Errors.Count > 0)
        {
            throw new ScenarioException(fields.Errors);
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

    private static ScenarioEvent? ReadEvent(ScenarioFields fields, int item, string path, double durationS)
    {
        var document = fields.Document;
        if (document.Kind(item) != JsonKind.Object)
        {
            fields.Error(path, "an event is a JSON object");
            return null;
        }

        int before = fields.Errors.Count;
        fields.RejectUnknown(item, path, EventMembers);
        double atS = fields.NumberBetween(item, "atS", path, 0, durationS, required: true, fallback: 0);
        int beforeType = fields.Errors.Count;
        int typeIndex = fields.Choice(item, "type", path, ScenarioEventTypes.Names, -1);
        if (fields.Errors.Count > beforeType)
        {
            return null;
        }

        var type = (ScenarioEventType)typeIndex;
        string typeName = ScenarioEventTypes.Names[typeIndex];
        var required = ScenarioEventTypes.Required(type);
        for (int i = 0; i < document.Count(item); i++)
        {
            string member = document.NameAt(item, i);
            if (member != "atS" && member != "type" && EventMembers.Contains(member) && !required.Contains(member))
            {
                fields.Error(path + "." + member, $"not used by a {typeName} event");
            }
        }

        var e = new ScenarioEvent(
            (long)Math.Round(atS * 1000),
            type,
            Meter: required.Contains("meter") ? fields.NonEmptyString(item, "meter", path, true) : null,
            Line: required.Contains("line") ? fields.NonEmptyString(item, "line", path, true) : null,
            Waveform: required.Contains("waveform") ? Waveforms[fields.Choice(item, "waveform", path, Waveforms, -1)] : null,
            Ma: required.Contains("ma") ? fields.NumberBetween(item, "ma", path, 0.001, 10_000, true, 0.001) : 0,
            Account: required.Contains("account") ? fields.NonEmptyString(item, "account", path, true) : null,
            Token: required.Contains("token") ? Digits(fields, item, path) : null,
            BypassPercent: required.Contains("bypassPercent") ? fields.NumberBetween(item, "bypassPercent", path, 1, 100, true, 1) : 0,
            DriftS: required.Contains("driftS") ? fields.NumberBetween(item, "driftS", path, -86400, 86400, true, -86400) : 0,
            Obis: required.Contains("obis") ? Obis(fields, item, path) : null,
            Attribute: required.Contains("attribute") ? (int)fields.NumberBetween(item, "attribute", path, 2, 255, true, 2) : 0,
            Axdr: required.Contains("axdr") ? Axdr(fields, item, path) : null);
        return fields.Errors.Count == before ? e : null;
    }

    private static OpenAmi.Dlms.Cosem.ObisCode? Obis(ScenarioFields fields, int item, string path)
    {
        string? text = fields.NonEmptyString(item, "obis", path, true);
        if (text != null && OpenAmi.Dlms.Cosem.ObisCode.TryParse(text, out var code))
        {
            return code;
        }

        if (text != null)
        {
            fields.Error(path + ".obis", $"'{text}' is not a logical name such as 1-0:1.7.0*255");
        }

        return null;
    }

    /// <summary>The meter's answer as A-XDR data in hex (type tag first): exactly one complete value.</summary>
    private static OpenAmi.Dlms.Axdr.DataValue? Axdr(ScenarioFields fields, int item, string path)
    {
        string? text = fields.NonEmptyString(item, "axdr", path, true);
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

        fields.Error(path + ".axdr", "must be the hex of exactly one A-XDR data value, e.g. 187FF8000000000000 (float64 NaN)");
        return null;
    }

    private static DateTime Start(ScenarioFields fields, int root)
    {
        var fallback = new DateTime(2026, 6, 22, 14, 0, 0, DateTimeKind.Utc);
        string? text = fields.NonEmptyString(root, "start", "$", required: false);
        if (text == null)
        {
            return fallback;
        }

        if (!text.EndsWith('Z') || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
        {
            fields.Error("$.start", "must be an ISO-8601 UTC time such as 2026-06-22T14:00:00Z");
            return fallback;
        }

        return start;
    }

    /// <summary>
    /// STS tokens are 20 digits; OpenPAYGO tokens 9 or more: digits only, checked further by Prepaid. Or
    /// "vend:&lt;kWh&gt;kWh": a genuine STS token vended for the target meter when the event runs.
    /// </summary>
    private static string? Digits(ScenarioFields fields, int item, string path)
    {
        string? token = fields.NonEmptyString(item, "token", path, true);
        if (token != null && ScenarioTokenVendor.IsVendRequest(token))
        {
            if (!ScenarioTokenVendor.TryParseKWh(token, out _))
            {
                fields.Error(path + ".token", $"'{token}' is not a vending request vend:<kWh>kWh (e.g. vend:5kWh)");
                return null;
            }
        }
        else if (token != null && !token.All(char.IsAsciiDigit))
        {
            fields.Error(path + ".token", "a token is keyed as digits only");
            return null;
        }

        return token;
    }

    /// <summary>The scenario read by the gateway's JSON path reader, each problem a <see cref="ScenarioError"/>.</summary>
    private sealed class ScenarioFields(JsonIndex document) : JsonPathReader(document)
    {
        public List<ScenarioError> Errors { get; } = [];

        public override void Error(string path, string reason) => Errors.Add(new ScenarioError(path, reason));
    }
}
