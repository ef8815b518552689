using OpenAmi.Metering.Modbus;

namespace OpenAmi.Metering.Tests.Modbus;

public class RegisterDecoderTests
{
    // 230.5 = 1.80078125 × 2^7: sign 0, exponent 127+7 = 0x86, fraction 0x668000 → 0x43668000 (hand-computed IEEE 754).
    [Theory]
    [InlineData(RegisterOrder.Abcd, new byte[] { 0x43, 0x66, 0x80, 0x00 })]
    [InlineData(RegisterOrder.Cdab, new byte[] { 0x80, 0x00, 0x43, 0x66 })]
    [InlineData(RegisterOrder.Badc, new byte[] { 0x66, 0x43, 0x00, 0x80 })]
    [InlineData(RegisterOrder.Dcba, new byte[] { 0x00, 0x80, 0x66, 0x43 })]
    public void Float32_in_every_word_order(RegisterOrder order, byte[] wire)
    {
        Assert.True(RegisterDecoder.TryDecode(wire, 0, RegisterEncoding.Float32, order, out double value));
        Assert.Equal(230.5, value);
    }

    [Fact]
    public void Float32_agrees_with_the_platform_for_random_patterns()
    {
        // Second implementation: .NET's own binary32 conversion.
        var random = new Random(42);
        var bytes = new byte[4];
        for (int i = 0; i < 10000; i++)
        {
            random.NextBytes(bytes);
            uint bits = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
            float expected = BitConverter.UInt32BitsToSingle(bits);
            bool ok = RegisterDecoder.TryDecode(bytes, 0, RegisterEncoding.Float32, RegisterOrder.Abcd, out double value);
            Assert.Equal(float.IsFinite(expected), ok);
            if (ok)
            {
                Assert.Equal((double)expected, value);
            }
        }
    }

    [Fact]
    public void Integers_signed_and_unsigned_across_two_registers()
    {
        // 0x0001_E240 = 123456; low word first puts E240 before 0001.
        Assert.True(RegisterDecoder.TryDecode(new byte[] { 0x00, 0x01, 0xE2, 0x40 }, 0, RegisterEncoding.UInt32, RegisterOrder.Abcd, out double u));
        Assert.Equal(123456, u);
        Assert.True(RegisterDecoder.TryDecode(new byte[] { 0xE2, 0x40, 0x00, 0x01 }, 0, RegisterEncoding.UInt32, RegisterOrder.Cdab, out double w));
        Assert.Equal(123456, w);
        Assert.True(RegisterDecoder.TryDecode(new byte[] { 0xFF, 0xFF, 0xFF, 0xFE }, 0, RegisterEncoding.Int32, RegisterOrder.Abcd, out double s));
        Assert.Equal(-2, s);
        Assert.True(RegisterDecoder.TryDecode(new byte[] { 0xFF, 0x38 }, 0, RegisterEncoding.Int16, RegisterOrder.Abcd, out double p));
        Assert.Equal(-200, p);
        Assert.True(RegisterDecoder.TryDecode(new byte[] { 0xFF, 0x38 }, 0, RegisterEncoding.UInt16, RegisterOrder.Abcd, out double q));
        Assert.Equal(65336, q);
    }

    [Fact]
    public void Nan_is_not_a_reading()
    {
        Assert.False(RegisterDecoder.TryDecode(new byte[] { 0x7F, 0xC0, 0x00, 0x00 }, 0, RegisterEncoding.Float32, RegisterOrder.Abcd, out _));
    }
}
