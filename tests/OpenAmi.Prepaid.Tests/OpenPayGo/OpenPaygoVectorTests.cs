using OpenAmi.Emulator.OpenPayGo;
using OpenAmi.Prepaid.OpenPayGo;
using static OpenAmi.Prepaid.Tests.OpenPayGo.OpenPaygoPublishedTokens;

namespace OpenAmi.Prepaid.Tests.OpenPayGo;

public class OpenPaygoVectorTests
{
    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(OpenPaygoPublishedTokens))]
    public void GeneratorReproducesThePublishedToken(Vector v)
    {
        var generator = new OpenPaygoGenerator(Key(v.Device), v.Device.StartingCode);
        var token = generator.Generate(v.Type, v.Value ?? 0, v.Device.Count, v.Extended, v.Restricted, out var newCount);
        Assert.Equal(v.Token, token);
        Assert.Equal(v.NewCount, newCount);
    }

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(OpenPaygoPublishedTokens))]
    public void DecoderRecoversTypeValueAndCount(Vector v)
    {
        var decoder = new OpenPaygoDecoder(Key(v.Device), v.Device.StartingCode, OpenPaygoWindows.Default);
        var result = decoder.Decode(v.Token, v.Extended, v.Restricted, OpenPaygoCountState.Fresh(v.Device.Count));

        Assert.Equal(OpenPaygoDecodeStatus.Valid, result.Status);
        Assert.Equal(v.NewCount, result.Count);
        var expectedValue = v.Value ?? (v.Type == OpenPaygoTokenType.DisablePayg ? 998 : 999);
        Assert.Equal(expectedValue, result.Value);
        // Extended tokens carry raw values: the spec leaves 998/999 meaning to 9-digit tokens only.
        var expectedType = v.Extended && v.Value is null ? OpenPaygoTokenType.SetTime : v.Type;
        Assert.Equal(expectedType, result.Type);
        // The chain is walked from count 0 up to the match: one SipHash call per step.
        Assert.Equal(v.NewCount, result.HashCalls);
    }

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(OpenPaygoPublishedTokens))]
    public void TheSameTokenIsRefusedOnceItsCountIsRecorded(Vector v)
    {
        var decoder = new OpenPaygoDecoder(Key(v.Device), v.Device.StartingCode, OpenPaygoWindows.Default);
        var state = OpenPaygoCountState.Fresh(v.Device.Count);
        var first = decoder.Decode(v.Token, v.Extended, v.Restricted, state);
        state.Accept(first.Count, first.Type);

        var second = decoder.Decode(v.Token, v.Extended, v.Restricted, state);
        if (first.Type == OpenPaygoTokenType.CounterSync)
        {
            // A sync token stays valid inside its window by design (spec: "Counter Synchronisation feature").
            Assert.Equal(OpenPaygoDecodeStatus.Valid, second.Status);
        }
        else
        {
            Assert.Equal(OpenPaygoDecodeStatus.AlreadyUsed, second.Status);
            Assert.Equal("used", second.Reason);
        }
    }

    [Fact]
    public void AnotherDevicesTokenIsInvalidAndCostsTheWholeWindow()
    {
        // Device 2's Add Time token entered into device 1 (last count 1): no count 0..65 matches.
        var decoder = new OpenPaygoDecoder(Key(Device1), Device1.StartingCode, OpenPaygoWindows.Default);
        var result = decoder.Decode("579194256", false, false, OpenPaygoCountState.Fresh(1));
        Assert.Equal(OpenPaygoDecodeStatus.Invalid, result.Status);
        Assert.Equal(1 + 64, result.HashCalls);
    }

    [Theory]
    [InlineData("58822401", false, false, "wrong_length")]
    [InlineData("5882240110", false, false, "wrong_length")]
    [InlineData("58822401x", false, false, "bad_digit")]
    [InlineData("314114432231105", false, true, "bad_digit")]
    [InlineData("444444444444444", false, true, "out_of_range")]
    [InlineData("", true, false, "wrong_length")]
    public void MalformedInputIsATypedRefusalNotAnException(string token, bool extended, bool restricted, string reason)
    {
        var decoder = new OpenPaygoDecoder(Key(Device1), Device1.StartingCode, OpenPaygoWindows.Default);
        var result = decoder.Decode(token, extended, restricted, OpenPaygoCountState.Fresh(1));
        Assert.Equal(OpenPaygoDecodeStatus.Malformed, result.Status);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(0, result.HashCalls);
    }

    [Fact]
    public void DecodingAllocatesNothing()
    {
        var decoder = new OpenPaygoDecoder(Key(Device1), Device1.StartingCode, OpenPaygoWindows.Default);
        var state = OpenPaygoCountState.Fresh(1);
        decoder.Decode("588224011", false, false, state);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = decoder.Decode("588224011", false, false, state);
        var invalid = decoder.Decode("123456789", false, false, state);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(valid.IsValid);
        Assert.False(invalid.IsValid);
    }

    [Fact]
    public void RestrictedDigitsFollowTheSpecWorkedExample()
    {
        // OpenPAYGO Token general documentation, "Restricted Digit Set Mode": 662 486 790 -> 324 244 134 441 123.
        Assert.Equal("324244134441123", OpenPaygoDigits.Format(662486790, false, true));
        Assert.True(OpenPaygoDigits.TryParse("324244134441123", false, true, out var code, out _));
        Assert.Equal(662486790UL, code);
    }

    [Fact]
    public void GeneratorRefusesValuesOutsideTheActivationRange()
    {
        var generator = new OpenPaygoGenerator(Key(Device1), Device1.StartingCode);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(OpenPaygoTokenType.AddTime, 996, 1, false, false, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Generate(OpenPaygoTokenType.SetTime, -1, 1, false, false, out _));
    }
}
