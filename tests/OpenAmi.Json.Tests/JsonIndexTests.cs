using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

/// <summary>
/// The index checks a text exactly as the tree parser does (the JSONTestSuite cases of <see cref="JsonTestSuiteTests"/>,
/// https://github.com/nst/JSONTestSuite, run through both) and reads the same values; the expected values below are
/// read off the literal texts by hand.
/// </summary>
public class JsonIndexTests
{
    [Theory]
    [MemberData(nameof(JsonTestSuiteTests.Accepted), MemberType = typeof(JsonTestSuiteTests))]
    public void Suite_y_cases_are_accepted(string file, string content)
    {
        var index = JsonIndex.Parse(content);
        Assert.Equal(JsonParser.Parse(content).Kind, index.Kind(index.Root));
        Assert.NotEmpty(file);
    }

    [Theory]
    [MemberData(nameof(JsonTestSuiteTests.Rejected), MemberType = typeof(JsonTestSuiteTests))]
    public void Suite_n_cases_are_rejected_at_the_parsers_position(string file, string content)
    {
        JsonException tree = Assert.Throws<JsonException>(() => JsonParser.Parse(content));
        JsonException index = Assert.Throws<JsonException>(() => JsonIndex.Parse(content));
        Assert.Equal(tree.Position, index.Position);
        Assert.NotEmpty(file);
    }

    [Theory]
    // n_string_invalid_utf-8.json: ["\xff"]; i_string_overlong_sequence_2_bytes.json: ["\xc0\xaf"]
    [InlineData(new byte[] { 0x5B, 0x22, 0xFF, 0x22, 0x5D })]
    [InlineData(new byte[] { 0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D })]
    public void Invalid_utf8_is_rejected(byte[] content)
    {
        Assert.Throws<JsonException>(() => JsonIndex.Parse(content, 0, content.Length, JsonLimits.Default));
    }

    [Fact]
    public void Values_members_and_kinds_read_as_written()
    {
        var doc = JsonIndex.Parse("{\"id\":\"dds\",\"n\":-12,\"x\":1.5,\"on\":true,\"off\":false,\"none\":null,\"list\":[1,{\"a\":[]},\"t\\u00e9\"]}");
        int root = doc.Root;
        Assert.Equal(JsonKind.Object, doc.Kind(root));
        Assert.Equal(7, doc.Count(root));
        Assert.Equal("dds", doc.AsString(doc.Get(root, "id")));
        Assert.Equal(-12, doc.AsLong(doc.Get(root, "n")));
        Assert.Equal(JsonKind.Number, doc.Kind(doc.Get(root, "x")));
        Assert.True(doc.AsBool(doc.Get(root, "on")));
        Assert.False(doc.AsBool(doc.Get(root, "off")));
        Assert.Equal(JsonKind.Null, doc.Kind(doc.Get(root, "none")));
        Assert.Equal(JsonIndex.None, doc.Get(root, "missing"));
        Assert.False(doc.Has(root, "i"));

        int list = doc.Get(root, "list");
        Assert.Equal(3, doc.Count(list));
        Assert.Equal(1, doc.AsLong(doc.At(list, 0)));
        Assert.Equal(JsonKind.Array, doc.Kind(doc.Get(doc.At(list, 1), "a")));
        Assert.Equal("té", doc.AsString(doc.At(list, 2)));
        Assert.Equal("list", doc.NameAt(root, 6));
        Assert.Equal(1, doc.NameIndex(root, 6, new[] { "id", "list" }));
        Assert.Equal(-1, doc.NameIndex(root, 0, new[] { "i", "idx", "list" }));
    }

    [Fact]
    public void Escaped_names_match_their_decoded_form()
    {
        var doc = JsonIndex.Parse("{\"\\u0061b\":1,\"é\":2}");
        Assert.Equal(1, doc.AsLong(doc.Get(doc.Root, "ab")));
        Assert.Equal(2, doc.AsLong(doc.Get(doc.Root, "é")));
        Assert.Equal(JsonIndex.None, doc.Get(doc.Root, "a"));
    }

    [Fact]
    public void Strings_compare_in_place_as_their_decoded_form_without_building_one()
    {
        var doc = JsonIndex.Parse("{\"e\":\"uint16\",\"esc\":\"\\u0041BCD\",\"u\":\"°C\",\"empty\":\"\",\"n\":1}");
        int root = doc.Root;
        Assert.True(doc.StringEquals(doc.Get(root, "e"), "uint16"));
        Assert.False(doc.StringEquals(doc.Get(root, "e"), "uint1"));
        Assert.False(doc.StringEquals(doc.Get(root, "e"), "uint160"));
        Assert.True(doc.StringEquals(doc.Get(root, "esc"), "ABCD"));
        Assert.True(doc.StringEquals(doc.Get(root, "u"), "°C"));
        Assert.True(doc.StringEquals(doc.Get(root, "empty"), ""));
        Assert.False(doc.StringEquals(doc.Get(root, "e"), ""));
        Assert.Throws<JsonException>(() => doc.StringEquals(doc.Get(root, "n"), "1"));

        doc.StringEquals(doc.Get(root, "e"), "uint16");
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool equal = doc.StringEquals(doc.Get(root, "e"), "uint16");
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(equal);
    }

    [Fact]
    public void Duplicate_names_are_refused_at_the_second_name_as_the_tree_parser_does()
    {
        // y_object_duplicated_key.json, refused as JsonTestSuiteTests explains; also when spelt with an escape.
        Assert.Equal(9, Assert.Throws<JsonException>(() => JsonIndex.Parse("{\"a\":\"b\",\"a\":\"c\"}")).Position);
        Assert.Equal(9, Assert.Throws<JsonException>(() => JsonIndex.Parse("{\"a\":\"b\",\"\\u0061\":\"c\"}")).Position);
        Assert.Equal(1, JsonIndex.Parse("{\"a\":{\"a\":1}}").Count(0));
    }

    [Fact]
    public void Wrong_kinds_and_handles_are_typed_errors()
    {
        var doc = JsonIndex.Parse("[1.5,\"s\"]");
        Assert.Throws<JsonException>(() => doc.AsLong(doc.At(doc.Root, 0)));
        Assert.Throws<JsonException>(() => doc.Get(doc.Root, "a"));
        Assert.Throws<JsonException>(() => doc.At(doc.Root, 2));
        Assert.Throws<JsonException>(() => doc.Kind(99));
    }

    [Fact]
    public void Objects_beyond_the_member_cap_are_refused()
    {
        var text = new StringBuilder("{");
        for (int i = 0; i <= JsonIndex.MaxMembers; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("\"m").Append(i).Append("\":0");
        }

        Assert.Throws<JsonException>(() => JsonIndex.Parse(text.Append('}').ToString()));
        Assert.Equal(JsonKind.Object, JsonParser.Parse(text.ToString()).Kind);
    }

    [Fact]
    public void Indexing_costs_the_text_and_a_small_table_not_a_tree()
    {
        // 40 members: a tree builds a node and a name string per member; the index allocates the UTF-8 copy and 20 B a value.
        var text = new StringBuilder("{");
        for (int i = 0; i < 40; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("\"member").Append(i).Append("\":").Append(i);
        }

        string json = text.Append('}').ToString();
        JsonIndex.Parse(json);
        JsonParser.Parse(json);
        long before = GC.GetAllocatedBytesForCurrentThread();
        JsonIndex.Parse(json);
        long index = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        JsonParser.Parse(json);
        long tree = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(index, json.Length, json.Length + 41 * 20 + 400);
        Assert.True(index * 2 < tree, $"index {index} B, tree {tree} B");
    }
}
