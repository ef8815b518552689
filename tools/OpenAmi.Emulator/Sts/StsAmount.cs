namespace OpenAmi.Emulator.Sts;

/// <summary>
/// The 16-bit transfer amount (IEC 62055-41): exponent e in bits 15..14, mantissa m in bits 13..0;
/// units = m for e = 0, otherwise 10^e·m + Σ(n=1..e) 2^14·10^(n−1). One unit is 0.1 kWh (subclass 0),
/// 0.1 m³ (water, gas) or 0.1 minute (time).
/// </summary>
public static class StsAmount
{
    public const int MantissaMax = 0x3FFF;

    public static long ToUnits(int field)
    {
        var e = (field >> 14) & 3;
        long m = field & MantissaMax;
        long offset = 0;
        long power = 1;
        for (var n = 1; n <= e; n++)
        {
            offset += (1L << 14) * power;
            power *= 10;
        }

        return power * m + offset;
    }

    /// <summary>The smallest field whose amount is at least <paramref name="units"/> (rounded in the customer's favour).</summary>
    public static int FromUnits(long units)
    {
        if (units < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(units));
        }

        for (var e = 0; e <= 3; e++)
        {
            var offset = ToUnits(e << 14);
            var power = (long)Math.Pow(10, e);
            var m = units <= offset ? 0 : (units - offset + power - 1) / power;
            if (m <= MantissaMax)
            {
                return (e << 14) | (int)m;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(units), "amount beyond the 16-bit range");
    }
}
