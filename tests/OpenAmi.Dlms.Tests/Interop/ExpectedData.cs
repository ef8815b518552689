using System.Text;
using System.Text.Json;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Tests.Interop;

/// <summary>
/// Compares decoded values with a recording's `expect` entries, which are written in the shape of
/// `openami dlms decode`: the A-XDR type name in kebab case, integers as numbers, octet strings as hex,
/// structures and arrays as lists.
/// </summary>
public static class ExpectedData
{
    public static void AssertResult(JsonElement expected, DataResult actual, string context)
    {
        if (expected.TryGetProperty("accessResult", out var access))
        {
            Assert.False(actual.Success, context + ": a value where data-access-result " + access.GetInt32() + " was expected");
            Assert.Equal(access.GetInt32(), actual.AccessResult);
            return;
        }

        Assert.True(actual.Success, context + ": data-access-result " + actual.AccessResult + " where a value was expected");
        AssertData(expected.GetProperty("data"), actual.Value, context);
    }

    public static void AssertData(JsonElement expected, DataValue actual, string context)
    {
        Assert.Equal(expected.GetProperty("type").GetString(), KebabName(actual.Type));
        var value = expected.GetProperty("value");
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                Assert.Equal(value.GetArrayLength(), actual.Count);
                int i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    AssertData(item, actual[i], context + "[" + i + "]");
                    i++;
                }

                break;
            case JsonValueKind.Number:
                Assert.Equal(value.GetInt64(), actual.AsInt64());
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                Assert.Equal(value.GetBoolean(), actual.AsBoolean());
                break;
            case JsonValueKind.String:
                Assert.Equal(value.GetString(), Convert.ToHexString(actual.AsBytes()));
                break;
            default:
                Assert.Fail(context + ": unexpected expectation " + value);
                break;
        }
    }

    /// <summary>DoubleLongUnsigned → double-long-unsigned.</summary>
    private static string KebabName(DataType type)
    {
        string name = type == DataType.NullData ? "NullData" : type.ToString();
        var text = new StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
