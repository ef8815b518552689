using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenAmi.Cli.Commands;

/// <summary>The CLI's output contract: one JSON document on stdout, or one line on stderr and a non-zero exit.</summary>
public static class CliOutput
{
    public const int UsageError = 2;
    public const int InputError = 1;

    // Relaxed escaping: people read this output too, and '"', '+' or '<' as \u0022 help no program.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Json(JsonNode node)
    {
        Console.Out.WriteLine(node.ToJsonString(Compact));
        return 0;
    }

    public static int Fail(string message, int exitCode = InputError)
    {
        Console.Error.WriteLine($"openami: {message}");
        return exitCode;
    }
}
