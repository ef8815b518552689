namespace OpenAmi.Emulator.Sts;

/// <summary>
/// The 16-bit token CRC (IEC 62055-41): CRC-16 with reflected polynomial 0xA001 and initial value 0xFFFF
/// over the 50 bits class | subclass | RND | TID | amount, left-padded to 7 bytes; the result is stored
/// low byte first in the CRC field.
/// </summary>
public static class StsCrc
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }

        return (ushort)(((crc & 0xFF) << 8) | (crc >> 8));
    }

    /// <summary>CRC field of a class 0/2 data block.</summary>
    public static ushort ForFields(int tokenClass, int subclass, int rnd, int tid, int field)
    {
        var bits = ((ulong)tokenClass << 48) | ((ulong)subclass << 44) | ((ulong)rnd << 40) | ((ulong)tid << 16) | (uint)field;
        Span<byte> bytes = stackalloc byte[7];
        for (var i = 6; i >= 0; i--)
        {
            bytes[i] = (byte)bits;
            bits >>= 8;
        }

        return Compute(bytes);
    }
}
