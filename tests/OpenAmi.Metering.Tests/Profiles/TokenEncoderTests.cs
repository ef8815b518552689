using OpenAmi.Metering.Profiles;

namespace OpenAmi.Metering.Tests.Profiles;

public class TokenEncoderTests
{
    // IEC 62055-41: an STS token is a 66-bit number displayed as 20 decimal digits. 2^66 − 1 =
    // 73786976294838206463 (hand-computed: 2^64 = 18446744073709551616, × 4 − 1).
    [Fact]
    public void Binary9_is_the_66_bit_number_big_endian()
    {
        var bytes = new byte[9];
        Assert.Equal(9, TokenEncoder.Encode("73786976294838206463", TokenEncoding.Binary9, bytes, 0));
        Assert.Equal(new byte[] { 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, bytes);
        Assert.Equal(9, TokenEncoder.Encode("00000000000000000258", TokenEncoding.Binary9, bytes, 0));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0x01, 0x02 }, bytes);
    }

    [Fact]
    public void Binary9_agrees_with_big_integer_arithmetic()
    {
        var random = new Random(7);
        var bytes = new byte[9];
        for (int i = 0; i < 1000; i++)
        {
            var value = new System.Numerics.BigInteger(random.NextInt64()) * 4 + random.Next(4);
            string token = value.ToString().PadLeft(20, '0');
            Assert.Equal(9, TokenEncoder.Encode(token, TokenEncoding.Binary9, bytes, 0));
            Assert.Equal(value, new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true));
        }
    }

    [Fact]
    public void Bcd10_and_ascii20()
    {
        var bcd = new byte[10];
        Assert.Equal(10, TokenEncoder.Encode("12345678901234567890", TokenEncoding.Bcd10, bcd, 0));
        Assert.Equal(new byte[] { 0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x56, 0x78, 0x90 }, bcd);
        var ascii = new byte[20];
        Assert.Equal(20, TokenEncoder.Encode("12345678901234567890", TokenEncoding.Ascii20, ascii, 0));
        Assert.Equal("12345678901234567890"u8.ToArray(), ascii);
    }

    [Theory]
    [InlineData("73786976294838206464")] // 2^66: one more than a token can be
    [InlineData("1234567890123456789")]  // 19 digits
    [InlineData("1234567890123456789X")]
    public void Malformed_tokens_are_refused_and_nothing_is_written(string token)
    {
        var bytes = new byte[9];
        Assert.Equal(-1, TokenEncoder.Encode(token, TokenEncoding.Binary9, bytes, 0));
        Assert.All(bytes, b => Assert.Equal(0, b));
    }
}
