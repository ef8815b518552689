using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The emulate output contract: one MQTT message per line, exactly
/// {"topic":"openami/v1/…","qos":1,"retain":false,"payload":{…}} — the payload embedded as JSON, not as a string.
/// </summary>
public static class MessageLine
{
    public static string Format(string topic, bool retain, byte[] payload, int offset, int count)
    {
        var json = Encoding.UTF8.GetString(payload, offset, count);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"payload on {topic} is not JSON: {e.Message}");
        }

        // The gateway's writer is compact and its numbers are exact: keep its bytes unless they span lines.
        bool oneLine = json.IndexOf('\n') < 0 && json.IndexOf('\r') < 0;
        var line = new StringBuilder(json.Length + topic.Length + 64);
        line.Append("{\"topic\":").Append(JsonSerializer.Serialize(topic))
            .Append(",\"qos\":1,\"retain\":").Append(retain ? "true" : "false")
            .Append(",\"payload\":").Append(oneLine ? json.Trim() : body?.ToJsonString() ?? "null").Append('}');
        return line.ToString();
    }
}
