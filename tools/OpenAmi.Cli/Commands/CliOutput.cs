using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenAmi.Cli.Commands;

/// <summary>The CLI's output contract: one JSON document on stdout (or, asked for, the same as text), or one line on stderr and a non-zero exit.</summary>
public static class CliOutput
{
    public const int UsageError = 2;
    public const int InputError = 1;

    // Relaxed escaping: people read this output too, and '"', '+' or '<' as \u0022 help no program.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>For files people open (a written profile): indented, relaxed escaping.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToText(JsonNode node) => node.ToJsonString(Compact);

    public static int Json(JsonNode node)
    {
        Console.Out.WriteLine(ToText(node));
        return 0;
    }

    /// <summary>`--format json|text` of the read, inspect and list commands.</summary>
    public static Option<string> FormatOption()
    {
        var option = new Option<string>("--format") { Description = "json (one document, for programs; the default) or text (indented name: value lines, for people)", DefaultValueFactory = _ => "json" };
        option.AcceptOnlyFromAmong("json", "text");
        return option;
    }

    public static int Print(JsonNode node, string format)
    {
        if (format != "text")
        {
            return Json(node);
        }

        var text = new StringBuilder();
        Text(node, 0, text);
        Console.Out.Write(text.ToString());
        return 0;
    }

    /// <summary>Members as "name: value" lines, nested objects indented under their name, list elements as "- " blocks.</summary>
    private static void Text(JsonNode? node, int indent, StringBuilder text)
    {
        string pad = new(' ', indent);
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                if (value is JsonObject or JsonArray && !IsFlat(value))
                {
                    text.Append(pad).Append(name).Append(":\n");
                    Text(value, indent + 2, text);
                }
                else
                {
                    text.Append(pad).Append(name).Append(": ").Append(Scalar(value)).Append('\n');
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                var block = new StringBuilder();
                Text(item, indent + 2, block);
                text.Append(pad).Append("- ").Append(block.ToString()[(indent + 2)..]);
            }
        }
        else
        {
            text.Append(pad).Append(Scalar(node)).Append('\n');
        }
    }

    /// <summary>An empty container or a list of plain values fits on its name's line.</summary>
    private static bool IsFlat(JsonNode value) => value is JsonArray a ? a.All(i => i is not (JsonObject or JsonArray)) : ((JsonObject)value).Count == 0;

    private static string Scalar(JsonNode? value) => value switch
    {
        null => "-",
        JsonArray a => string.Join(", ", a.Select(Scalar)),
        JsonObject => "{}",
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => value.ToJsonString(Compact),
    };

    public static int Fail(string message, int exitCode = InputError)
    {
        Console.Error.WriteLine($"openami: {message}");
        return exitCode;
    }
}
