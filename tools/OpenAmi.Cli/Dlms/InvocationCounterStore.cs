using System.Text.Json.Nodes;

namespace OpenAmi.Cli.Dlms;

/// <summary>
/// The client invocation counter per meter, kept between `openami dlms read` runs: a meter that enforces an
/// increasing counter refuses any value it has seen, so each run continues where the last one stopped. One JSON
/// object in $OPENAMI_STATE_DIR (default ~/.openami) mapping a meter key to the next free counter.
/// </summary>
public sealed class InvocationCounterStore(string path)
{
    public const string FileName = "dlms-invocation-counters.json";

    public static InvocationCounterStore Default()
    {
        string dir = Environment.GetEnvironmentVariable("OPENAMI_STATE_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".openami");
        return new InvocationCounterStore(Path.Combine(dir, FileName));
    }

    /// <summary>Port, server address, client SAP and client system title: what names one counter on one meter.</summary>
    public static string Key(string port, OpenAmi.Dlms.Hdlc.HdlcAddress server, int clientSap, byte[]? systemTitle) =>
        $"{port}|{server.Upper}:{server.Lower}/{server.Size}|{clientSap}|{(systemTitle == null ? "-" : Convert.ToHexString(systemTitle))}";

    public uint? Load(string key) => Read()[key] is JsonValue value && value.TryGetValue(out uint next) ? next : null;

    public void Save(string key, uint next)
    {
        var all = Read();
        all[key] = next;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, all.ToJsonString());
        File.Move(temporary, path, overwrite: true);
    }

    private JsonObject Read()
    {
        if (!File.Exists(path))
        {
            return new JsonObject();
        }

        return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
               ?? throw new FormatException($"{path} is not a JSON object of invocation counters");
    }
}
