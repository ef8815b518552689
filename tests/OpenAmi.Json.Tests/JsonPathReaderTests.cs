using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

/// <summary>
/// The one JSON path reader the configuration, the vendor profiles and the emulator's scenarios share: every problem of a
/// document is reported with its path, and a failed read gives the fallback. The documents and the expected values and
/// messages are written by hand from the literal texts below.
/// </summary>
public class JsonPathReaderTests
{
    private sealed class Collecting(JsonIndex document) : JsonPathReader(document)
    {
        public List<string> Errors { get; } = [];

        public override void Error(string path, string reason) => Errors.Add(path + ": " + reason);
    }

    private sealed class OtherWords(JsonIndex document) : JsonPathReader(document)
    {
        public List<string> Errors { get; } = [];

        public override void Error(string path, string reason) => Errors.Add(path + ": " + reason);

        protected override string WrongKind(string what, JsonKind actual) => "expected " + what;

        protected override string OutOfRange(long value, long min, long max) => value + " is outside " + min + " … " + max;

        protected override string Forbidden(string name) => name == "password" ? "no secrets here" : null!;
    }

    private static Collecting Read(string json) => new(JsonIndex.Parse(json));

    [Fact]
    public void Every_member_is_read_by_kind_and_range_and_each_problem_carries_its_path()
    {
        var fields = Read("""
        { "id": "pole-7", "baud": "9600", "count": 300, "on": 1, "kind": "rs232", "ratio": 0.5, "empty": "", "extra": 1,
          "meters": [ { "address": 18 }, "shop", { "address": 5, "misspelt": true } ] }
        """);
        int root = fields.Document.Root;

        fields.RejectUnknown(root, "$", ["id", "baud", "count", "on", "kind", "ratio", "empty", "meters"]);
        Assert.Equal("pole-7", fields.NonEmptyString(root, "id", "$", true));
        Assert.Equal(9600, fields.Int(root, "baud", "$", 300, 115200, 9600));
        Assert.Equal(7, fields.Int(root, "count", "$", 1, 247, 7));
        Assert.False(fields.Bool(root, "on", "$", false));
        Assert.Equal(0, fields.Choice(root, "kind", "$", ["rs485", "optical"], 0));
        Assert.Equal(0.5, fields.NumberAbove(root, "ratio", "$", 0, 1, 1));
        Assert.Null(fields.NonEmptyString(root, "empty", "$", true));
        Assert.Null(fields.NonEmptyString(root, "missing", "$", true));
        var addresses = new List<int>();
        Assert.Equal(3, fields.ForEachObject(root, "meters", "$", true, ["address"], (item, path, index) =>
            addresses.Add(item == JsonIndex.None ? -2 : fields.RequiredInt(item, "address", path, 16, 0x3FFD))));

        Assert.Equal([18, -2, -1], addresses);
        Assert.Equal(new[]
        {
            "$.extra: unknown member (allowed: id, baud, count, on, kind, ratio, empty, meters)",
            "$.baud: must be an integer, not string",
            "$.count: must be between 1 and 247, not 300",
            "$.on: must be true or false, not integer",
            "$.kind: must be one of rs485, optical, not 'rs232'",
            "$.empty: must not be empty",
            "$.missing: required",
            "$.meters[1]: must be an object, not string",
            "$.meters[2].misspelt: unknown member (allowed: address)",
            "$.meters[2].address: must be between 16 and 16381, not 5",
        }, fields.Errors);
    }

    [Fact]
    public void Numbers_with_a_fraction_are_read_as_doubles_within_inclusive_or_exclusive_bounds()
    {
        var fields = Read("""{ "atS": 2400.5, "ma": 0, "driftS": -30, "limit": 6.5, "at": "soon" }""");
        int root = fields.Document.Root;

        Assert.Equal(2400.5, fields.NumberBetween(root, "atS", "$", 0, 7200, true, -1));
        Assert.Equal(0, fields.NumberBetween(root, "ma", "$", 0, 10, true, -1));
        Assert.Equal(-30, fields.NumberBetween(root, "driftS", "$", -86400, 86400, true, 0));
        Assert.Equal(6, fields.NumberAbove(root, "limit", "$", 0, 6, 6));
        Assert.Equal(-1, fields.NumberBetween(root, "at", "$", 0, 10, false, -1));
        Assert.Equal(-1, fields.NumberBetween(root, "gone", "$", 0, 10, true, -1));
        Assert.Equal(-1, fields.NumberAbove(root, "ma", "$", 0, 10, -1));

        Assert.Equal(new[]
        {
            "$.limit: must be above 0 and at most 6, not 6.5",
            "$.at: must be a number, not string",
            "$.gone: required",
            "$.ma: must be above 0 and at most 10, not 0",
        }, fields.Errors);
    }

    [Fact]
    public void Hex_members_are_checked_for_digits_and_length()
    {
        var fields = Read("""{ "key": "00ff10", "odd": "abc", "short": "0001", "long": "000102" }""");
        int root = fields.Document.Root;

        Assert.Equal(new byte[] { 0x00, 0xFF, 0x10 }, fields.Hex(root, "key", "$", 3, false));
        Assert.Null(fields.Hex(root, "odd", "$", 1, true));
        Assert.Null(fields.Hex(root, "short", "$", 3, true));
        Assert.Equal(new byte[] { 0, 1, 2 }, fields.Hex(root, "long", "$", 2, true));

        Assert.Equal(new[]
        {
            "$.odd: must be hexadecimal digits, two per byte",
            "$.short: must be at least 3 bytes, not 2",
        }, fields.Errors);
    }

    [Fact]
    public void A_document_family_words_the_same_problems_its_own_way()
    {
        var fields = new OtherWords(JsonIndex.Parse("""{ "address": 300, "link": [], "password": "x", "other": 1 }"""));
        int root = fields.Document.Root;

        fields.RejectUnknown(root, "$", ["address", "link"]);
        Assert.Equal(1, fields.Int(root, "address", "$", 1, 247, 1));
        Assert.Equal(JsonIndex.None, fields.Object(root, "link", "$", true));

        Assert.Equal(new[]
        {
            "$.password: no secrets here",
            "$.other: unknown member (allowed: address, link)",
            "$.address: 300 is outside 1 … 247",
            "$.link: expected an object",
        }, fields.Errors);
    }
}
