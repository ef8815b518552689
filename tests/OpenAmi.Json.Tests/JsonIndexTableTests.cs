using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

/// <summary>
/// Issue 15: documents read one after the other (the vendor profiles at boot) share one value table, sized by
/// <see cref="JsonIndex.TableLength"/> for the largest. The texts are the two examples of RFC 8259 section 13
/// (https://www.rfc-editor.org/rfc/rfc8259#section-13), abridged; expected values are read off them by hand, and the
/// table length is five ints per value (object, members, arrays and their items, each counted by hand).
/// </summary>
public class JsonIndexTableTests
{
    // RFC 8259 section 13, first example, abridged: the outer object, the "Image" object, Width, Title, the IDs array and its 2 items = 7 values.
    private const string Image = """{"Image": {"Width": 800, "Title": "View from 15th Floor", "IDs": [116, 943]}}""";

    // RFC 8259 section 13, second example, abridged: the array, 2 objects and their 2 × 3 members = 9 values.
    private const string Cities = """[{"City": "SAN FRANCISCO", "Zip": "94107", "Country": "US"}, {"City": "SUNNYVALE", "Zip": "94085", "Country": "US"}]""";

    [Fact]
    public void The_table_length_is_five_ints_per_value()
    {
        Assert.Equal(5 * 7, Length(Image));
        Assert.Equal(5 * 9, Length(Cities));
    }

    [Fact]
    public void Documents_parsed_in_turn_into_one_table_read_as_if_parsed_alone()
    {
        byte[] image = Encoding.UTF8.GetBytes(Image);
        byte[] cities = Encoding.UTF8.GetBytes(Cities);
        var table = new int[Math.Max(Length(Image), Length(Cities))];

        var first = JsonIndex.Parse(image, 0, image.Length, JsonLimits.Default, table);
        int nested = first.Get(first.Root, "Image");
        Assert.Equal(800, first.AsLong(first.Get(nested, "Width")));
        Assert.Equal("View from 15th Floor", first.AsString(first.Get(nested, "Title")));
        Assert.Equal(943, first.AsLong(first.At(first.Get(nested, "IDs"), 1)));

        var second = JsonIndex.Parse(cities, 0, cities.Length, JsonLimits.Default, table);
        Assert.Equal(2, second.Count(second.Root));
        Assert.Equal("SUNNYVALE", second.AsString(second.Get(second.At(second.Root, 1), "City")));
        Assert.Equal("94085", second.AsString(second.Get(second.At(second.Root, 1), "Zip")));
        Assert.Equal(JsonIndex.None, second.Get(second.At(second.Root, 0), "Image"));
    }

    [Fact]
    public void A_table_that_holds_the_document_is_used_and_a_short_one_is_not()
    {
        byte[] image = Encoding.UTF8.GetBytes(Image);
        int length = Length(Image);
        var fits = new int[length];
        JsonIndex.Parse(image, 0, image.Length, JsonLimits.Default, fits);
        JsonIndex.Parse(image, 0, image.Length, JsonLimits.Default, new int[length - 1]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        JsonIndex.Parse(image, 0, image.Length, JsonLimits.Default, fits);
        long shared = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var own = JsonIndex.Parse(image, 0, image.Length, JsonLimits.Default, new int[length - 1]);
        long apart = GC.GetAllocatedBytesForCurrentThread() - before;

        // The short table's own (length - 1) ints are counted in "apart" too; the index's own table adds length ints more.
        Assert.True(apart - shared >= (length - 1 + length) * sizeof(int), $"shared {shared} B, apart {apart} B");
        Assert.Equal(800, own.AsLong(own.Get(own.Get(own.Root, "Image"), "Width")));
    }

    private static int Length(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        return JsonIndex.TableLength(utf8, 0, utf8.Length, JsonLimits.Default);
    }
}
