using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// Signs a command the way an integrator's head-end does (docs/northbound.md, "Commands"), written from the
/// specification with host libraries only, independently of the gateway's portable verifier: lowercase hex of
/// HMAC-SHA256 (RFC 2104) with the gateway's command key over UTF-8 of
/// <c>"OPENAMI-CMD-1\n" + topic + "\n" + JCS(command without "signature")</c>, JCS being RFC 8785.
/// Commands carry strings, integers, booleans, null, objects and arrays; a fractional number is refused
/// rather than risking .NET's number form differing from ECMAScript's (RFC 8785 §3.2.2.3).
/// </summary>
public static class HeadEndSigner
{
    private const string Domain = "OPENAMI-CMD-1\n";

    public static string Sign(byte[] key, string topic, JsonObject command)
    {
        byte[] signed = Encoding.UTF8.GetBytes(Domain + topic + "\n" + Canonical(command, omit: "signature"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, signed));
    }

    /// <summary>RFC 8785 text of <paramref name="node"/>, leaving out the top-level member <paramref name="omit"/>.</summary>
    public static string Canonical(JsonNode? node, string? omit = null)
    {
        var text = new StringBuilder();
        Write(text, node, omit);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, string? omit)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                bool first = true;

                // §3.2.3: members sorted by their names as arrays of UTF-16 code units (string.CompareOrdinal).
                foreach (var member in obj.Where(m => m.Key != omit).OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    WriteString(text, member.Key);
                    text.Append(':');
                    Write(text, member.Value, null);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Write(text, array[i], null);
                }

                text.Append(']');
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Number when long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole) && Math.Abs(whole) <= (1L << 53):
                text.Append(whole.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                throw new NotSupportedException($"the simulated head-end signs integers within ±2^53 only, not {value.ToJsonString()}");
        }
    }

    /// <summary>§3.2.2.2: only '"', '\\' and control characters are escaped, the short forms where JSON has them, else \u00xx lowercase.</summary>
    private static void WriteString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
