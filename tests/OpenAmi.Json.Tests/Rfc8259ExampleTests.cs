using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

/// <summary>The examples of RFC 8259 section 13 (https://www.rfc-editor.org/rfc/rfc8259#section-13).</summary>
public class Rfc8259ExampleTests
{
    // RFC 8259 section 13, first example (an object describing an image), verbatim.
    private const string ImageExample = """
        {
          "Image": {
              "Width":  800,
              "Height": 600,
              "Title":  "View from 15th Floor",
              "Thumbnail": {
                  "Url":    "http://www.example.com/image/481989943",
                  "Height": 125,
                  "Width":  100
              },
              "Animated" : false,
              "IDs": [116, 943, 234, 38793]
            }
        }
        """;

    // RFC 8259 section 13, second example (an array of two objects), verbatim.
    private const string LocationsExample = """
        [
          {
             "precision": "zip",
             "Latitude":  37.7668,
             "Longitude": -122.3959,
             "Address":   "",
             "City":      "SAN FRANCISCO",
             "State":     "CA",
             "Zip":       "94107",
             "Country":   "US"
          },
          {
             "precision": "zip",
             "Latitude":  37.371991,
             "Longitude": -122.026020,
             "Address":   "",
             "City":      "SUNNYVALE",
             "State":     "CA",
             "Zip":       "94085",
             "Country":   "US"
          }
        ]
        """;

    [Fact]
    public void Image_example_parses_with_every_member()
    {
        JsonNode image = JsonParser.Parse(ImageExample).Require("Image");

        Assert.Equal(800, image.GetLong("Width"));
        Assert.Equal(600, image.GetLong("Height"));
        Assert.Equal("View from 15th Floor", image.GetString("Title"));
        Assert.Equal("http://www.example.com/image/481989943", image.Require("Thumbnail").GetString("Url"));
        Assert.Equal(125, image.Require("Thumbnail").GetLong("Height"));
        Assert.False(image.GetBool("Animated"));
        JsonNode ids = image.Require("IDs");
        Assert.Equal(new long[] { 116, 943, 234, 38793 }, Enumerable.Range(0, ids.Count).Select(i => ids[i].AsLong()).ToArray());
    }

    [Fact]
    public void Image_example_is_written_back_compactly_in_member_order()
    {
        string expected = "{\"Image\":{\"Width\":800,\"Height\":600,\"Title\":\"View from 15th Floor\","
            + "\"Thumbnail\":{\"Url\":\"http://www.example.com/image/481989943\",\"Height\":125,\"Width\":100},"
            + "\"Animated\":false,\"IDs\":[116,943,234,38793]}}";

        Assert.Equal(expected, JsonParser.Parse(ImageExample).ToJson());
    }

    [Fact]
    public void Locations_example_keeps_decimal_values_exact()
    {
        JsonNode root = JsonParser.Parse(LocationsExample);

        Assert.Equal(2, root.Count);
        Assert.Equal(37.7668, root[0].GetDouble("Latitude"));
        Assert.Equal(-122.3959, root[0].GetDouble("Longitude"));
        Assert.Equal(-122.026020, root[1].GetDouble("Longitude"));
        Assert.Equal("", root[1].GetString("Address"));
        // "-122.026020" is written back in shortest form, the trailing zero dropped.
        Assert.Contains("\"Longitude\":-122.02602,", root.ToJson());
    }

    [Theory]
    // RFC 8259 section 13: "Here are three small JSON texts containing only values".
    [InlineData("\"Hello world!\"", JsonKind.String, "\"Hello world!\"")]
    [InlineData("42", JsonKind.Integer, "42")]
    [InlineData("true", JsonKind.Boolean, "true")]
    public void Scalar_texts_are_json_texts(string text, JsonKind kind, string written)
    {
        JsonNode node = JsonParser.Parse(text);

        Assert.Equal(kind, node.Kind);
        Assert.Equal(written, node.ToJson());
    }
}
