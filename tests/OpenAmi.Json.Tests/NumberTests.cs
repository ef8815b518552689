using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using OpenAmi.Json;

namespace OpenAmi.Json.Tests;

/// <summary>
/// Numbers are checked against a second implementation: .NET's own shortest round-trip formatting ("R", shortest
/// since .NET Core 3.0) and its IEEE-correct double.Parse, over random bit patterns and decimal strings.
/// The layout expected is ECMA-262 Number::toString (https://tc39.es/ecma262/#sec-numeric-types-number-tostring).
/// </summary>
public class NumberTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(20000);

    private static readonly Gen<double> AnyFiniteDouble =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        let value = BitConverter.Int64BitsToDouble(((long)high << 32) | (uint)low)
        where double.IsFinite(value)
        select value;

    // Meter-like values: a few significant digits, a decimal exponent around zero.
    private static readonly Gen<double> MeterLikeDouble =
        from mantissa in Gen.Choose(-99999999, 99999999)
        from exponent in Gen.Choose(-9, 6)
        select mantissa * Math.Pow(10, exponent);

    [Theory]
    // ECMA-262 Number::toString layout examples, each as JavaScript's String(x) prints it.
    [InlineData(1842.5, "1842.5")]
    [InlineData(12.4, "12.4")]
    [InlineData(1842.0, "1842")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123e-20, "1.23e-18")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(-1.5e-7, "-1.5e-7")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(9007199254740993.0, "9007199254740992")]
    [InlineData(-0.0, "0")]
    public void Doubles_are_written_in_shortest_ecmascript_form(double value, string expected)
    {
        Assert.Equal(expected, Write(value));
    }

    [Fact]
    public void Random_doubles_match_the_shortest_round_trip_digits_of_dotnet()
    {
        Check.One(Many, Prop.ForAll(Arb.From(AnyFiniteDouble), value => Write(value) == Oracle(value)));
    }

    [Fact]
    public void Meter_like_doubles_match_the_shortest_round_trip_digits_of_dotnet()
    {
        Check.One(Many, Prop.ForAll(Arb.From(MeterLikeDouble), value => Write(value) == Oracle(value)));
    }

    [Fact]
    public void Written_doubles_read_back_to_the_same_bits()
    {
        Prop.ForAll(Arb.From(AnyFiniteDouble), value =>
                BitConverter.DoubleToInt64Bits(JsonParser.Parse(Write(value)).AsDouble())
                == BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Long_decimal_strings_parse_like_dotnet()
    {
        Gen<string> decimals =
            from digits in Gen.Choose(1, 40)
            from chars in Gen.ArrayOf(Gen.Choose(0, 9), digits)
            from exponent in Gen.Choose(-340, 320)
            select "0." + string.Concat(chars) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        Prop.ForAll(Arb.From(decimals), text =>
            {
                double expected = double.Parse(text, CultureInfo.InvariantCulture);
                if (double.IsInfinity(expected))
                {
                    return Throws(text);
                }

                return BitConverter.DoubleToInt64Bits(JsonParser.Parse(text).AsDouble()) == BitConverter.DoubleToInt64Bits(expected);
            })
            .QuickCheckThrowOnFailure();
    }

    [Theory]
    // Boundary decimals whose correct rounding needs exact arithmetic; double.Parse (IEEE-correct since .NET Core 3.0) is the oracle.
    [InlineData("2.4703282292062327e-324")] // just below half the smallest subnormal: 0
    [InlineData("2.4703282292062328e-324")] // just above: the smallest subnormal
    [InlineData("2.2250738585072011e-308")] // the largest subnormal neighbourhood
    [InlineData("2.2250738585072012e-308")] // rounds up to the smallest normal
    [InlineData("1.7976931348623158e308")] // rounds down to double.MaxValue
    [InlineData("9007199254740993")] // 2^53 + 1: tie, rounds to even 2^53 (parsed as integer, compared as double)
    [InlineData("9007199254740993.0")]
    [InlineData("0.1")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("4.9406564584124654e-324")]
    [InlineData("89255.0e-22")]
    public void Boundary_decimals_round_correctly(string text)
    {
        double expected = double.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(JsonParser.Parse(text).AsDouble()));
    }

    [Fact]
    public void Overflowing_decimal_is_a_json_error()
    {
        // 1.7976931348623159e308 rounds beyond double.MaxValue (IEEE 754 round to nearest).
        Assert.Throws<JsonException>(() => JsonParser.Parse("1.7976931348623159e308"));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integers_are_exact_longs(string text, long expected)
    {
        JsonNode node = JsonParser.Parse(text);
        Assert.Equal(JsonKind.Integer, node.Kind);
        Assert.Equal(expected, node.AsLong());
    }

    [Fact]
    public void Integers_beyond_long_become_doubles_and_are_not_longs()
    {
        JsonNode node = JsonParser.Parse("9223372036854775808");
        Assert.Equal(JsonKind.Number, node.Kind);
        Assert.Throws<JsonException>(() => node.AsLong());
    }

    [Fact]
    public void Integral_numbers_in_exponent_form_are_accepted_as_longs()
    {
        Assert.Equal(1000L, JsonParser.Parse("1e3").AsLong());
        Assert.Throws<JsonException>(() => JsonParser.Parse("1.5").AsLong());
    }

    [Fact]
    public void Random_longs_round_trip_exactly()
    {
        Prop.ForAll(Arb.From(from high in Gen.Choose(int.MinValue, int.MaxValue)
                             from low in Gen.Choose(int.MinValue, int.MaxValue)
                             select ((long)high << 32) | (uint)low),
                value =>
                {
                    JsonWriter writer = new JsonWriter();
                    writer.Integer(value);
                    return writer.ToString() == value.ToString(CultureInfo.InvariantCulture)
                        && JsonParser.Parse(writer.ToString()).AsLong() == value;
                })
            .QuickCheckThrowOnFailure();
    }

    private static bool Throws(string text)
    {
        try
        {
            JsonParser.Parse(text);
            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static string Write(double value)
    {
        JsonWriter writer = new JsonWriter();
        writer.Number(value);
        return writer.ToString();
    }

    /// <summary>.NET's shortest digits, laid out per ECMA-262 Number::toString steps 5-12.</summary>
    private static string Oracle(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int ePos = shortest.IndexOf('E');
        string mantissa = ePos < 0 ? shortest : shortest[..ePos];
        int exponent = ePos < 0 ? 0 : int.Parse(shortest[(ePos + 1)..], CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        string digits = mantissa.Replace(".", "");
        int point = (dot < 0 ? mantissa.Length : dot) + exponent;
        int leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        point -= leading;
        digits = digits.TrimEnd('0');
        int k = digits.Length;
        int n = point;
        string text;
        if (k <= n && n <= 21)
        {
            text = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            text = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            text = "0." + new string('0', -n) + digits;
        }
        else
        {
            int e = n - 1;
            text = digits[..1] + (k > 1 ? "." + digits[1..] : "") + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }

        return (value < 0 ? "-" : "") + text;
    }
}
