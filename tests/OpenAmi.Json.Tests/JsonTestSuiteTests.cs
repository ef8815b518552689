using System.Text;
using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

/// <summary>
/// Cases from Nicolas Seriot's JSONTestSuite (https://github.com/nst/JSONTestSuite, folder test_parsing/):
/// y_* must be accepted, n_* must be rejected, i_* are implementation-defined (our choice is stated per case).
/// Each case names its file; the bytes are the file's content.
/// </summary>
public class JsonTestSuiteTests
{
    public static TheoryData<string, string> Accepted => new()
    {
        { "y_array_empty.json", "[]" },
        { "y_array_heterogeneous.json", "[null, 1, \"1\", {}]" },
        { "y_number_0e+1.json", "[0e+1]" },
        { "y_number_minus_zero.json", "[-0]" },
        { "y_number_real_capital_e.json", "[1E22]" },
        { "y_number_real_neg_exp.json", "[1e-2]" },
        { "y_number_real_pos_exponent.json", "[1e+2]" },
        { "y_number_negative_int.json", "[-123]" },
        { "y_number_simple_real.json", "[123.456789]" },
        { "y_number_double_close_to_zero.json", "[-0.000000000000000000000000000000000000000000000000000000000000000000000000000001]" },
        { "y_object_empty_key.json", "{\"\":0}" },
        { "y_object_escaped_null_in_key.json", "{\"foo\\u0000bar\": 42}" },
        { "y_string_accepted_surrogate_pair.json", "[\"\\uD801\\udc37\"]" },
        { "y_string_allowed_escapes.json", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]" },
        { "y_string_utf8.json", "[\"€𝄞\"]" },
        { "y_string_null_escape.json", "[\"\\u0000\"]" },
        { "y_structure_lonely_int.json", "42" },
        { "y_structure_lonely_null.json", "null" },
        { "y_structure_lonely_string.json", "\"asd\"" },
        { "y_structure_whitespace_array.json", " [] " },
        { "y_structure_trailing_newline.json", "[\"a\"]\n" },
    };

    public static TheoryData<string, string> Rejected => new()
    {
        { "n_array_extra_comma.json", "[\"\",]" },
        { "n_array_double_comma.json", "[1,,2]" },
        { "n_array_unclosed.json", "[\"\"" },
        { "n_array_1_true_without_comma.json", "[1 true]" },
        { "n_incomplete_false.json", "[fals]" },
        { "n_incomplete_null.json", "[nul]" },
        { "n_number_with_leading_zero.json", "[012]" },
        { "n_number_neg_int_starting_with_zero.json", "[-012]" },
        { "n_number_-01.json", "[-01]" },
        { "n_number_0.e1.json", "[0.e1]" },
        { "n_number_.2e-3.json", "[.2e-3]" },
        { "n_number_2.e3.json", "[2.e3]" },
        { "n_number_1.0e.json", "[1.0e]" },
        { "n_number_0_capital_E+.json", "[0E+]" },
        { "n_number_plus_1.json", "[+1]" },
        { "n_number_NaN.json", "[NaN]" },
        { "n_number_infinity.json", "[Infinity]" },
        { "n_number_hex_1_digit.json", "[0x1]" },
        { "n_number_minus_space_1.json", "[- 1]" },
        { "n_number_-00.0.json", "-00.0" },
        { "n_object_trailing_comma.json", "{\"id\":0,}" },
        { "n_object_single_quote.json", "{'a':0}" },
        { "n_object_unquoted_key.json", "{a: \"b\"}" },
        { "n_object_missing_colon.json", "{\"a\" b}" },
        { "n_object_non_string_key.json", "{1:1}" },
        { "n_string_single_quote.json", "['single quote']" },
        { "n_string_escape_x.json", "[\"\\x00\"]" },
        { "n_string_octal_escape.json", "[\"\\017\"]" },
        { "n_string_unescaped_tab.json", "[\"\t\"]" },
        { "n_string_unescaped_newline.json", "[\"new\nline\"]" },
        { "n_string_incomplete_escaped_character.json", "[\"\\u00A\"]" },
        { "n_structure_trailing_#.json", "{\"a\":\"b\"}#{}" },
        { "n_structure_unclosed_array.json", "[1" },
        { "n_structure_open_open.json", "[\"\\{[\"\\{[\"\\{[\"\\{" },
        { "n_structure_no_data.json", "" },
        { "n_structure_whitespace_formfeed.json", "[\f]" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Y_cases_are_accepted(string file, string content)
    {
        Assert.NotNull(JsonParser.Parse(content));
        Assert.NotEmpty(file);
    }

    [Theory]
    [MemberData(nameof(Rejected))]
    public void N_cases_are_rejected_with_a_position(string file, string content)
    {
        JsonException error = Assert.Throws<JsonException>(() => JsonParser.Parse(content));
        Assert.InRange(error.Position, 0, Encoding.UTF8.GetByteCount(content));
        Assert.NotEmpty(file);
    }

    [Fact]
    public void Position_points_at_the_offending_byte()
    {
        // n_array_double_comma.json: the second comma is at byte 3.
        Assert.Equal(3, Assert.Throws<JsonException>(() => JsonParser.Parse("[1,,2]")).Position);
        // n_structure_trailing_#.json: '#' follows the 9-byte object.
        Assert.Equal(9, Assert.Throws<JsonException>(() => JsonParser.Parse("{\"a\":\"b\"}#{}")).Position);
    }

    [Theory]
    // n_string_invalid_utf-8.json: ["\xff"]
    [InlineData("n_string_invalid_utf-8.json", new byte[] { 0x5B, 0x22, 0xFF, 0x22, 0x5D })]
    // n_string_truncated-utf-8.json: ["\xe0\xff"]
    [InlineData("n_string_truncated-utf-8.json", new byte[] { 0x5B, 0x22, 0xE0, 0xFF, 0x22, 0x5D })]
    // n_structure_UTF8_BOM_no_data.json: the BOM alone.
    [InlineData("n_structure_UTF8_BOM_no_data.json", new byte[] { 0xEF, 0xBB, 0xBF })]
    // i_string_overlong_sequence_2_bytes.json: ["\xc0\xaf"] — overlong forms are invalid UTF-8 (RFC 3629 section 3); we reject.
    [InlineData("i_string_overlong_sequence_2_bytes.json", new byte[] { 0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D })]
    // i_string_UTF8_surrogate_U+D800.json: ["\xed\xa0\x80"] — surrogates are not scalar values (RFC 3629 section 3); we reject.
    [InlineData("i_string_UTF8_surrogate_U+D800.json", new byte[] { 0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D })]
    // i_string_not_in_unicode_range.json: ["\xf4\xbf\xbf\xbf"] — above U+10FFFF; we reject.
    [InlineData("i_string_not_in_unicode_range.json", new byte[] { 0x5B, 0x22, 0xF4, 0xBF, 0xBF, 0xBF, 0x22, 0x5D })]
    // i_structure_UTF-8_BOM_empty_object.json: BOM then {} — RFC 8259 section 8.1 lets parsers ignore a BOM; we refuse it.
    [InlineData("i_structure_UTF-8_BOM_empty_object.json", new byte[] { 0xEF, 0xBB, 0xBF, 0x7B, 0x7D })]
    public void Invalid_utf8_and_bom_are_rejected(string file, byte[] content)
    {
        Assert.Throws<JsonException>(() => JsonParser.Parse(content, 0, content.Length));
        Assert.NotEmpty(file);
    }

    [Theory]
    // i_string_1st_surrogate_but_2nd_missing.json and i_string_incomplete_surrogate_and_escape_valid.json /
    // i_string_inverted_surrogates_U+1D11E.json: lone or inverted surrogate escapes; we reject (no UTF-8 form).
    [InlineData("[\"\\uDADA\"]")]
    [InlineData("[\"\\uD800\\n\"]")]
    [InlineData("[\"\\uDd1e\\uD834\"]")]
    // i_number_real_overflow.json / i_number_huge_exp.json style: outside the double range; we reject.
    [InlineData("[123123e100000]")]
    [InlineData("[-1e309]")]
    public void Implementation_defined_cases_we_reject(string content)
    {
        Assert.Throws<JsonException>(() => JsonParser.Parse(content));
    }

    [Fact]
    public void Implementation_defined_cases_we_accept()
    {
        // i_number_real_underflow.json: [123e-10000000] rounds to zero.
        Assert.Equal(0.0, JsonParser.Parse("[123e-10000000]")[0].AsDouble());
        // i_number_too_big_neg_int.json: [-123123123123123123123123123123] beyond long becomes the nearest double.
        JsonNode big = JsonParser.Parse("[-123123123123123123123123123123]")[0];
        Assert.Equal(JsonKind.Number, big.Kind);
        Assert.Equal(-123123123123123123123123123123.0, big.AsDouble());
    }

    [Fact]
    public void Duplicate_member_names_are_rejected_although_the_suite_accepts_them()
    {
        // y_object_duplicated_key.json is valid RFC 8259 grammar, but names "SHOULD be unique" (section 4) and a
        // signed command must have one meaning, so this parser refuses it, pointing at the second name.
        JsonException error = Assert.Throws<JsonException>(() => JsonParser.Parse("{\"a\":\"b\",\"a\":\"c\"}"));
        Assert.Equal(9, error.Position);
    }

    [Fact]
    public void Deep_nesting_stops_at_the_limit_instead_of_overflowing_the_stack()
    {
        // n_structure_100000_opening_arrays.json: 100000 '[' characters.
        string deep = new string('[', 100000);
        JsonException error = Assert.Throws<JsonException>(() => JsonParser.Parse(deep, new JsonLimits(32, 200000)));
        Assert.Equal(32, error.Position);

        string ok = new string('[', 32) + new string(']', 32);
        Assert.Equal(JsonKind.Array, JsonParser.Parse(ok).Kind);
    }

    [Fact]
    public void Documents_beyond_the_size_limit_are_refused_before_parsing()
    {
        string text = "[" + new string(' ', 100) + "]";
        Assert.Throws<JsonException>(() => JsonParser.Parse(text, new JsonLimits(32, 64)));
        Assert.Equal(JsonKind.Array, JsonParser.Parse(text, new JsonLimits(32, 102)).Kind);
    }

    [Fact]
    public void Overlong_number_tokens_are_refused()
    {
        Assert.Throws<JsonException>(() => JsonParser.Parse("1" + new string('0', 200)));
    }

    [Fact]
    public void Strings_decode_escapes_and_utf8()
    {
        Assert.Equal("\"\\/\b\f\n\r\t", JsonParser.Parse("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]")[0].AsString());
        Assert.Equal("\U00010437", JsonParser.Parse("[\"\\uD801\\udc37\"]")[0].AsString());
        Assert.Equal("€𝄞", JsonParser.Parse("[\"€𝄞\"]")[0].AsString());
        Assert.Equal("foo\0bar", JsonParser.Parse("{\"foo\\u0000bar\": 42}").NameAt(0));
    }
}
