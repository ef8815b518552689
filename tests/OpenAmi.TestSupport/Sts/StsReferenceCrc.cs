namespace OpenAmi.TestSupport;

/// <summary>
/// A second, independent reading of the IEC 62055-41 token CRC (6.3.7): the generator x^16 + x^15 + x^2 + 1 (8005)
/// applied most significant bit first to the bit-reversed message bytes, the register reversed at the end — the
/// mirror image of the product's reflected, least-significant-bit-first loop — with the register preset to FFFF
/// and carried low byte first in the token. Checked against the standard's own examples in the tests.
/// </summary>
public static class StsReferenceCrc
{
    public static int Field(ulong fiftyBits)
    {
        var register = 0xFFFF;
        for (var byteIndex = 6; byteIndex >= 0; byteIndex--)
        {
            var reversed = Reverse((int)(fiftyBits >> (8 * byteIndex)) & 0xFF, 8);
            for (var bit = 7; bit >= 0; bit--)
            {
                var feedback = ((register >> 15) ^ (reversed >> bit)) & 1;
                register = (register << 1) & 0xFFFF;
                if (feedback == 1)
                {
                    register ^= 0x8005;
                }
            }
        }

        var crc = Reverse(register, 16);
        return ((crc & 0xFF) << 8) | (crc >> 8);
    }

    /// <summary>The 50 CRC-covered bits of a class 1 data block: class | subclass | 44 data bits.</summary>
    public static ulong Class1Bits(int subclass, ulong data44) => (1UL << 48) | ((ulong)subclass << 44) | data44;

    /// <summary>The 20 digits of a plain class 1 token, with the class bits transposed as the standard places them.</summary>
    public static string Class1Digits(int subclass, ulong data44, int crcField)
    {
        var block = ((ulong)subclass << 60) | (data44 << 16) | (uint)crcField;
        var bits27And28 = (block >> 27) & 3;
        var low = (block & ~(3UL << 27)) | (1UL << 27);
        var value = ((System.Numerics.BigInteger)bits27And28 << 64) + low;
        return value.ToString().PadLeft(20, '0');
    }

    private static int Reverse(int value, int width)
    {
        var result = 0;
        for (var i = 0; i < width; i++)
        {
            result = (result << 1) | ((value >> i) & 1);
        }

        return result;
    }
}
