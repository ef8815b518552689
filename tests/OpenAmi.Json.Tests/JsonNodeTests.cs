using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

public class JsonNodeTests
{
    private static readonly JsonNode Command = JsonParser.Parse("{\"id\":\"c1\",\"n\":5,\"x\":1.5,\"ok\":true,\"p\":{}}");

    [Fact]
    public void Typed_getters_return_members()
    {
        Assert.Equal("c1", Command.GetString("id"));
        Assert.Equal(5, Command.GetLong("n"));
        Assert.Equal(5.0, Command.GetDouble("n"));
        Assert.Equal(1.5, Command.GetDouble("x"));
        Assert.True(Command.GetBool("ok"));
        Assert.Equal(JsonKind.Object, Command.Require("p").Kind);
        Assert.Null(Command.Get("absent"));
        Assert.True(Command.Has("id"));
        Assert.False(Command.Has("absent"));
    }

    [Fact]
    public void Wrong_kinds_and_missing_members_are_json_errors_naming_the_member()
    {
        Assert.Equal("missing member 'absent'", Assert.Throws<JsonException>(() => Command.GetString("absent")).Message);
        Assert.Equal("member 'n' must be string", Assert.Throws<JsonException>(() => Command.GetString("n")).Message);
        Assert.Equal("member 'id' must be an integer", Assert.Throws<JsonException>(() => Command.GetLong("id")).Message);
        Assert.Equal("member 'x' must be an integer", Assert.Throws<JsonException>(() => Command.GetLong("x")).Message);
        Assert.Throws<JsonException>(() => Command.Require("p")[0]);
        Assert.Throws<JsonException>(() => JsonNode.FromLong(1)[0]);
        Assert.Throws<JsonException>(() => JsonNode.FromLong(1).Get("a"));
        Assert.Equal(-1, Assert.Throws<JsonException>(() => Command.GetString("n")).Position);
    }

    [Fact]
    public void Set_replaces_and_remove_deletes_in_place()
    {
        JsonNode node = JsonNode.NewObject().Set("a", 1).Set("b", 2).Set("a", 3);
        Assert.Equal("{\"a\":3,\"b\":2}", node.ToJson());
        Assert.True(node.Remove("a"));
        Assert.False(node.Remove("a"));
        Assert.Equal("{\"b\":2}", node.ToJson());
    }

    [Fact]
    public void Null_string_becomes_json_null()
    {
        Assert.Equal("{\"a\":null}", JsonNode.NewObject().Set("a", (string?)null).ToJson());
    }
}
