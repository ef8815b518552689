using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

public class JsonWriterTests
{
    [Fact]
    public void Strings_escape_exactly_what_rfc8259_requires()
    {
        // RFC 8259 section 7: quotation mark, reverse solidus and U+0000..U+001F must be escaped; the
        // two-character forms are used where they exist, \u00XX (lower-case hex) otherwise.
        JsonWriter writer = new JsonWriter();
        writer.String("q\" b\\ \b\f\n\r\t \u0001\u001f / \u007f");
        Assert.Equal("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f / \u007f\"", writer.ToString());
    }

    // The writer's per-level state is a bit a level (issue 15: several writers live in the gateway). Expected text is
    // RFC 8259's grammar written out independently: at every level one object member, then a nested array with a
    // leading item, so every level needs its own "has items" and "is object" state.
    [Fact]
    public void An_ascii_string_goes_out_as_its_bytes_and_a_byte_that_would_need_an_escape_is_refused()
    {
        // RFC 8259 section 7: printable ASCII other than quotation mark and reverse solidus stands for itself.
        byte[] text = Encoding.ASCII.GetBytes("x2026-06-22T14:30:00Zx");
        JsonWriter writer = new JsonWriter();
        writer.BeginArray();
        writer.AsciiString(text, 1, 20);
        writer.EndArray();
        Assert.Equal("[\"2026-06-22T14:30:00Z\"]", writer.ToString());

        foreach (byte bad in new byte[] { (byte)'"', (byte)'\\', 0x1F, 0x7F, 0xC3 })
        {
            JsonWriter refusing = new JsonWriter();
            Assert.Throws<ArgumentException>(() => refusing.AsciiString(new[] { (byte)'a', bad }, 0, 2));
            Assert.Equal(0, refusing.Length);
        }
    }

    [Fact]
    public void Every_level_down_to_the_nesting_limit_keeps_its_own_container_state()
    {
        JsonWriter writer = new JsonWriter(16);
        var expected = new StringBuilder();
        for (int level = 0; level < 32; level++)
        {
            writer.BeginObject();
            writer.Property("n", level);
            writer.Name("a");
            writer.BeginArray();
            writer.Integer(level);
            expected.Append("{\"n\":").Append(level).Append(",\"a\":[").Append(level).Append(',');
        }

        writer.Null();
        expected.Append("null");
        for (int level = 31; level >= 0; level--)
        {
            writer.EndArray();
            writer.Property("z", true);
            writer.EndObject();
            expected.Append("],\"z\":true}");
        }

        Assert.True(writer.IsComplete);
        Assert.Equal(expected.ToString(), writer.ToString());

        // 64 containers open at once is the limit: one more is refused.
        JsonWriter deepest = new JsonWriter(16);
        for (int level = 0; level < 64; level++)
        {
            deepest.BeginArray();
        }

        Assert.Throws<InvalidOperationException>(() => deepest.BeginArray());
    }

    [Fact]
    public void A_writer_holds_little_beyond_its_buffer()
    {
        new JsonWriter(16);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var writer = new JsonWriter(16);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The object and its 20 integer digits; the buffer comes with the first byte written. Two 64-entry bool arrays,
        // the shortest-digits generator (a writer of integers and strings never needs it) and the buffer came to 296
        // bytes more.
        Assert.InRange(allocated, 1, 128);
        writer.Number(0.1);
        Assert.Equal("0.1", writer.ToString());
        Assert.Equal(16, writer.Buffer.Length);
    }

    [Fact]
    public void Non_ascii_is_written_as_utf8_bytes()
    {
        // UTF-8 of U+00E9 is C3 A9, of U+20AC is E2 82 AC, of U+1D11E is F0 9D 84 9E (RFC 3629 section 3 / Unicode tables).
        JsonWriter writer = new JsonWriter();
        writer.String("é€\U0001D11E");
        Assert.Equal(new byte[] { 0x22, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9D, 0x84, 0x9E, 0x22 }, writer.ToArray());
    }

    [Fact]
    public void Lone_surrogates_become_the_replacement_character()
    {
        JsonWriter writer = new JsonWriter();
        writer.String("a\ud800b");
        Assert.Equal("\"a\uFFFDb\"", writer.ToString());
    }

    [Fact]
    public void Structure_is_compact_and_comma_separated()
    {
        JsonWriter writer = new JsonWriter();
        writer.BeginObject();
        writer.Property("a", 1);
        writer.Name("b");
        writer.BeginArray();
        writer.Integer(-2);
        writer.Number(0.5);
        writer.Bool(true);
        writer.Null();
        writer.String(null);
        writer.BeginObject();
        writer.EndObject();
        writer.EndArray();
        writer.Property("c", "x");
        writer.EndObject();

        Assert.Equal("{\"a\":1,\"b\":[-2,0.5,true,null,null,{}],\"c\":\"x\"}", writer.ToString());
        Assert.True(writer.IsComplete);
    }

    [Fact]
    public void Misuse_of_the_structure_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => { JsonWriter w = new(); w.BeginObject(); w.Integer(1); });
        Assert.Throws<InvalidOperationException>(() => { JsonWriter w = new(); w.BeginArray(); w.Name("a"); });
        Assert.Throws<InvalidOperationException>(() => { JsonWriter w = new(); w.BeginArray(); w.EndObject(); });
        Assert.Throws<InvalidOperationException>(() => { JsonWriter w = new(); w.Integer(1); w.Integer(2); });
        Assert.Throws<InvalidOperationException>(() => { JsonWriter w = new(); w.BeginObject(); w.Name("a"); w.EndObject(); });
    }

    [Fact]
    public void Nan_and_infinity_are_refused()
    {
        Assert.Throws<JsonException>(() => new JsonWriter().Number(double.NaN));
        Assert.Throws<JsonException>(() => new JsonWriter().Number(double.PositiveInfinity));
        Assert.Throws<JsonException>(() => JsonNode.FromDouble(double.NegativeInfinity));
    }

    [Fact]
    public void Reset_reuses_the_buffer()
    {
        JsonWriter writer = new JsonWriter(16);
        writer.String(new string('x', 100));
        byte[] grown = writer.Buffer;
        writer.Reset();
        writer.Integer(7);
        Assert.Same(grown, writer.Buffer);
        Assert.Equal("7", writer.ToString());
    }

    [Fact]
    public void Writing_an_envelope_after_warm_up_allocates_nothing()
    {
        JsonWriter writer = new JsonWriter();
        WriteEnvelope(writer);
        writer.Reset();
        WriteEnvelope(writer);

        long before = GC.GetAllocatedBytesForCurrentThread();
        writer.Reset();
        WriteEnvelope(writer);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.StartsWith("{\"schemaVersion\":\"0.1\"", Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length));
    }

    [Fact]
    public void Dom_round_trips_through_text()
    {
        JsonNode node = JsonNode.NewObject()
            .Set("s", "é\n")
            .Set("i", long.MinValue)
            .Set("d", 1842.5)
            .Set("b", false)
            .Set("n", JsonNode.Null)
            .Set("a", JsonNode.NewArray().Add(JsonNode.FromLong(1)).Add(JsonNode.NewObject()));

        string text = node.ToJson();
        Assert.Equal("{\"s\":\"é\\n\",\"i\":-9223372036854775808,\"d\":1842.5,\"b\":false,\"n\":null,\"a\":[1,{}]}", text);
        Assert.Equal(text, JsonParser.Parse(text).ToJson());
    }

    private static void WriteEnvelope(JsonWriter writer)
    {
        writer.BeginObject();
        writer.Property("schemaVersion", "0.1");
        writer.Property("ts", "2026-06-22T14:30:00Z");
        writer.Name("registers");
        writer.BeginArray();
        writer.BeginObject();
        writer.Property("obis", "1.8.0");
        writer.Property("value", 1842.5);
        writer.Property("unit", "kWh");
        writer.Property("quality", "good");
        writer.EndObject();
        writer.BeginObject();
        writer.Property("obis", "32.7.0");
        writer.Property("value", 229.87);
        writer.EndObject();
        writer.EndArray();
        writer.EndObject();
    }
}
