using System.Diagnostics;
using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

/// <summary>
/// Issue 18 D7: duplicate-member detection and member ordering must not be quadratic, since both run on
/// unauthenticated command text before the MAC is checked.
/// </summary>
public class JsonCostTests
{
    private const int HostileMembers = 100_000;

    /// <summary>{"m099999":0,"m099998":0,...}: distinct names, deliberately in descending order.</summary>
    private static string DescendingObject(int members, string? extra = null)
    {
        StringBuilder text = new StringBuilder("{");
        for (int i = members - 1; i >= 0; i--)
        {
            text.Append("\"m").Append(i.ToString("D6")).Append("\":0,");
        }

        text.Append(extra ?? "\"last\":0").Append('}');
        return text.ToString();
    }

    [Fact]
    public void An_object_of_a_hundred_thousand_members_parses_in_near_linear_time()
    {
        // Quadratic search: ~5·10^9 name comparisons (tens of seconds); O(n log n): ~2·10^6. The bound leaves a
        // wide margin for a loaded machine yet is far below the quadratic cost.
        string text = DescendingObject(HostileMembers);
        Stopwatch watch = Stopwatch.StartNew();
        JsonNode node = JsonParser.Parse(text, new JsonLimits(32, text.Length));
        watch.Stop();

        Assert.Equal(HostileMembers + 1, node.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "parse took " + watch.Elapsed);
    }

    [Fact]
    public void A_duplicate_beyond_the_first_members_is_still_refused()
    {
        // The duplicate "m000003" is the last member, far past the members checked as they arrive.
        string text = DescendingObject(20, "\"m000003\":1");
        JsonException error = Assert.Throws<JsonException>(() => JsonParser.Parse(text));
        Assert.Equal("duplicate member name 'm000003'", error.Reason);
        Assert.Equal(0, error.Position);

        // Both copies past the linear check.
        string late = "{\"a\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0,\"f\":0,\"g\":0,\"h\":0,\"i\":0,\"x\":0,\"j\":0,\"x\":1}";
        Assert.Equal("duplicate member name 'x'", Assert.Throws<JsonException>(() => JsonParser.Parse(late)).Reason);
    }

    [Fact]
    public void Member_order_sorts_by_utf16_code_units()
    {
        // RFC 8785 section 3.2.3, the property-sorting example (names as given there, values shortened).
        JsonNode node = JsonParser.Parse("{\"\\u20ac\":1,\"\\r\":2,\"\\ufb33\":3,\"1\":4,\"\\ud83d\\ude00\":5,\"\\u0080\":6,\"\\u00f6\":7}");
        int[] order = node.MemberOrder();
        string[] names = order.Select(node.NameAt).ToArray();
        Assert.Equal(new[] { "\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33" }, names);

        JsonNode built = JsonNode.NewObject();
        for (int i = 0; i < 50; i++)
        {
            built.Set("k" + (49 - i).ToString("D2"), i);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => 49 - i).ToArray(), built.MemberOrder());
    }
}
