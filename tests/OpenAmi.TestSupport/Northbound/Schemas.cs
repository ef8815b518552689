using NJsonSchema;

namespace OpenAmi.TestSupport;

/// <summary>
/// The JSON Schemas of docs/schema, validated by NJsonSchema (a second, independent JSON implementation;
/// JsonSchema.Net is not restorable here — docs/dependencies.md).
/// </summary>
public static class Schemas
{
    private static readonly Lazy<JsonSchema> TelemetrySchema = new(() => Load("telemetry-v0.1.schema.json"));
    private static readonly Lazy<JsonSchema> EventSchema = new(() => Load("event-v0.1.schema.json"));
    private static readonly Lazy<JsonSchema> CommandSchema = new(() => Load("command-v0.1.schema.json"));
    private static readonly Lazy<JsonSchema> StatusSchema = new(() => Load("status-v0.1.schema.json"));

    public static JsonSchema Telemetry => TelemetrySchema.Value;

    public static JsonSchema Event => EventSchema.Value;

    public static JsonSchema Command => CommandSchema.Value;

    public static JsonSchema Status => StatusSchema.Value;

    /// <summary>Asserts the payload is valid, listing every schema error otherwise.</summary>
    public static void AssertValid(JsonSchema schema, string json)
    {
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{json}\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    public static bool IsValid(JsonSchema schema, string json) => schema.Validate(json).Count == 0;

    private static JsonSchema Load(string file) =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "schema", file)).GetAwaiter().GetResult();
}
