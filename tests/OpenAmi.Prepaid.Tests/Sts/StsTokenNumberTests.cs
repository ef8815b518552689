using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Prepaid.Tests.Sts;

/// <summary>
/// STS token-format facts (IEC 62055-41): 20 digits carry a 66-bit number; the 2 class bits are transposed
/// into bits 28..27, so the class is readable without a key. Published tokens from NectarAPI/tokens-service
/// src/test/java/ke/co/nectar/tokens/service/TokensServiceTest.java (commit ea572db9…): class 0 electricity
/// 12855806557697228949, class 1 test tokens 56493153725450313471 / 02305843005052951967 (not encrypted),
/// class 2 set-maximum-power-limit 30785131371013401998.
/// </summary>
public class StsTokenNumberTests
{
    [Theory]
    [InlineData("12855806557697228949", 0)]
    [InlineData("56493153725450313471", 1)]
    [InlineData("02305843005052951967", 1)]
    [InlineData("30785131371013401998", 2)]
    public void ClassOfPublishedTokensIsReadWithoutAKey(string digits, int tokenClass)
    {
        Assert.True(StsTokenNumber.TryParse(digits, out var number, out _));
        Assert.Equal(tokenClass, number.TokenClass);
        Assert.Equal(digits, number.ToDigits());
    }

    [Fact]
    public void NumberIsTheDecimalValueOfTheDigits()
    {
        // 35500312443047940328 = 0x1_ECAA7214_074090E8 (computed independently with arbitrary-precision integers).
        Assert.True(StsTokenNumber.TryParse("35500312443047940328", out var number, out _));
        Assert.Equal(1, number.High);
        Assert.Equal(0xECAA7214074090E8UL, number.Low);
    }

    [Fact]
    public void ClassBitsAreTransposedWithDataBlockBits28And27()
    {
        // A block whose bits 28 and 27 are 1 and 0, carried as class 2 (binary 10).
        const ulong block = 0x0000_0000_1000_0000UL; // bit 28 set
        var number = StsTokenNumber.FromDataBlock(block, 2);
        Assert.Equal(2, number.High); // block bit 28 -> token bit 65, bit 27 -> bit 64
        Assert.Equal(2, number.TokenClass);
        Assert.Equal(block, number.DataBlock);
        Assert.Equal(2UL << 27, number.Low);
    }

    [Fact]
    public void LargestSixtySixBitValueHasReservedClassThree()
    {
        // 2^66 - 1 = 73786976294838206463: all ones, so class bits 28..27 = 11 (reserved).
        Assert.False(StsTokenNumber.TryParse("73786976294838206463", out _, out var reason));
        Assert.Equal("reserved_class", reason);
    }

    [Theory]
    [InlineData("73786976294838206464", "out_of_range")] // 2^66
    [InlineData("99999999999999999999", "out_of_range")]
    [InlineData("1285580655769722894", "wrong_length")]
    [InlineData("128558065576972289490", "wrong_length")]
    [InlineData("1285580655769722894a", "bad_digit")]
    [InlineData("1285-806557697228949", "bad_digit")]
    [InlineData(null, "wrong_length")]
    public void WhatCannotBeATokenIsRefused(string? digits, string reason)
    {
        Assert.False(StsTokenNumber.TryParse(digits!, out _, out var actual));
        Assert.Equal(reason, actual);
    }

    [Fact]
    public void VendorEncodings()
    {
        const string digits = "35500312443047940328";
        Assert.True(StsTokenNumber.TryParse(digits, out var number, out _));
        var buffer = new byte[24];

        Assert.Equal(20, StsTokenEncoder.Encode(digits, number, StsTokenEncoding.Ascii20, buffer, 2));
        Assert.Equal("35500312443047940328"u8.ToArray(), buffer[2..22]);

        Assert.Equal(10, StsTokenEncoder.Encode(digits, number, StsTokenEncoding.PackedBcd10, buffer, 0));
        Assert.Equal(Convert.FromHexString("35500312443047940328"), buffer[..10]);

        Assert.Equal(9, StsTokenEncoder.Encode(digits, number, StsTokenEncoding.Binary9, buffer, 0));
        Assert.Equal(Convert.FromHexString("01ECAA7214074090E8"), buffer[..9]);
    }
}
