using System.Globalization;
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

    // 230.1 / 2^7 = 1.79765625: exponent 127+7 = 0x86, fraction 0.79765625 × 2^23 = 6691225.6 → 6691226 = 0x66199A,
    // so the float is 0x4366199A = 15079834 / 2^16 = 230.100006103515625 exactly (hand-computed IEEE 754). Half its
    // gap is 2^-17 ≈ 7.6e-6, so 230.1 is the shortest decimal inside its rounding interval.
    [Fact]
    public void Float32_carries_float_precision_not_its_binary_expansion()
    {
        Assert.True(RegisterDecoder.TryDecode(new byte[] { 0x43, 0x66, 0x19, 0x9A }, 0, RegisterEncoding.Float32, RegisterOrder.Abcd, out double volts));
        Assert.Equal(230.1, volts);
        Assert.Equal("230.1", volts.ToString(CultureInfo.InvariantCulture));
    }

    // 0.35 = 1.4 × 2^-2: exponent 127-2 = 0x7D, fraction 0.4 × 2^23 = 3355443.2 → 0x333333, so 0x3EB33333 =
    // 11744051 / 2^25 = 0.3499999940395355224609375 exactly; scaled by 10^3 the old decode published
    // 349.9999940395355 (issue 8). 350 = 1.3671875 × 2^8: exponent 0x87, fraction 0x2F0000 → 0x43AF0000, exact.
    [Theory]
    [InlineData(new byte[] { 0x3E, 0xB3, 0x33, 0x33 }, 0.35)]
    [InlineData(new byte[] { 0x43, 0xAF, 0x00, 0x00 }, 350.0)]
    [InlineData(new byte[] { 0xC3, 0xAF, 0x00, 0x00 }, -350.0)]
    [InlineData(new byte[] { 0x3D, 0xCC, 0xCC, 0xCD }, 0.1)]            // 0.1f = 13421773 / 2^27 = 0.100000001490116…
    [InlineData(new byte[] { 0x7F, 0x7F, 0xFF, 0xFF }, 3.4028235e38)]   // largest float (2 - 2^-23) × 2^127: exact big-integer path
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x01 }, 1e-45)]          // smallest subnormal 2^-149 ≈ 1.4013e-45: interval (0.7e-45, 2.1e-45)
    [InlineData(new byte[] { 0x4B, 0x80, 0x00, 0x00 }, 16777216.0)]     // 2^24, where the gap below is half the gap above
    public void Float32_decodes_to_the_shortest_round_tripping_decimal(byte[] wire, double expected)
    {
        Assert.True(RegisterDecoder.TryDecode(wire, 0, RegisterEncoding.Float32, RegisterOrder.Abcd, out double value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Float32_decode_allocates_nothing_in_the_range_meters_use()
    {
        var wire = new byte[] { 0x43, 0x66, 0x19, 0x9A };
        RegisterDecoder.TryDecode(wire, 0, RegisterEncoding.Float32, RegisterOrder.Abcd, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            RegisterDecoder.TryDecode(wire, 0, RegisterEncoding.Float32, RegisterOrder.Abcd, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Float32_agrees_with_the_platform_for_random_patterns()
    {
        // Second implementation: .NET's shortest round-trip formatting of binary32 (float.ToString, .NET Core 3.0+),
        // read back as a double; and the value must still be the same float.
        var random = new Random(42);
        var bytes = new byte[4];
        for (int i = 0; i < 100000; i++)
        {
            random.NextBytes(bytes);
            uint bits = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
            float expected = BitConverter.UInt32BitsToSingle(bits);
            bool ok = RegisterDecoder.TryDecode(bytes, 0, RegisterEncoding.Float32, RegisterOrder.Abcd, out double value);
            Assert.Equal(float.IsFinite(expected), ok);
            if (ok)
            {
                Assert.Equal(double.Parse(expected.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), value);
                Assert.Equal(expected, (float)value);
            }
        }
    }

    [Fact]
    public void Float32_values_meters_send_agree_with_the_platform()
    {
        // The fast path's range: every float from 0.001 to 100000 in steps a meter's display would show.
        for (int i = 1; i <= 1_000_000; i++)
        {
            float reading = i / 10f;
            uint bits = BitConverter.SingleToUInt32Bits(reading);
            var wire = new byte[] { (byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits };
            Assert.True(RegisterDecoder.TryDecode(wire, 0, RegisterEncoding.Float32, RegisterOrder.Abcd, out double value));
            Assert.Equal(double.Parse(reading.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), value);
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
