namespace OpenAmi.Emulator.Sts;

/// <summary>
/// EA07, the STS Standard Transfer Algorithm (IEC 62055-41): a 64-bit block cipher of 16 rounds of nibble
/// substitution (one of two 4-bit tables, chosen per nibble by a key bit), a 64-bit permutation and a
/// one-bit key rotation. The round key starts as the decoder key's 1's complement rotated right by 12.
/// Tables and bit numbering (bit 0 = least significant) are the ones under which the published tokens in
/// the tests decode; only the meter emulator uses this, never the firmware.
/// </summary>
public static class StandardTransferAlgorithm
{
    private static readonly int[] Substitution1 = [14, 10, 7, 9, 12, 3, 2, 5, 13, 0, 15, 1, 4, 8, 6, 11];
    private static readonly int[] Substitution2 = [12, 8, 2, 13, 7, 6, 1, 3, 11, 5, 9, 15, 0, 4, 10, 14];
    private static readonly int[] Permutation =
    [
        55, 42, 10, 18, 24, 21, 44, 35, 2, 22, 56, 43, 27, 58, 9, 50,
        6, 36, 12, 61, 37, 38, 53, 16, 62, 3, 7, 4, 32, 20, 63, 25,
        51, 52, 54, 33, 49, 19, 46, 29, 48, 31, 23, 30, 41, 28, 13, 5,
        40, 60, 39, 11, 15, 17, 1, 0, 57, 34, 59, 8, 47, 14, 45, 26,
    ];

    private static readonly int[] InverseSubstitution1 = Invert(Substitution1);
    private static readonly int[] InverseSubstitution2 = Invert(Substitution2);
    private static readonly int[] InversePermutation = Invert(Permutation);

    public const int Rounds = 16;

    public static ulong Encrypt(ulong block, ulong decoderKey)
    {
        var key = InitialRoundKey(decoderKey);
        for (var round = 0; round < Rounds; round++)
        {
            block = Permute(Substitute(block, key, Substitution1, Substitution2), Permutation);
            key = ulong.RotateLeft(key, 1);
        }

        return block;
    }

    public static ulong Decrypt(ulong block, ulong decoderKey)
    {
        var key = ulong.RotateLeft(InitialRoundKey(decoderKey), Rounds - 1);
        for (var round = 0; round < Rounds; round++)
        {
            block = Substitute(Permute(block, InversePermutation), key, InverseSubstitution1, InverseSubstitution2);
            key = ulong.RotateRight(key, 1);
        }

        return block;
    }

    private static ulong InitialRoundKey(ulong decoderKey) => ulong.RotateRight(~decoderKey, 12);

    private static ulong Substitute(ulong data, ulong key, int[] whenClear, int[] whenSet)
    {
        ulong result = 0;
        for (var i = 0; i < 16; i++)
        {
            var nibble = (int)(data >> (4 * i)) & 0xF;
            var table = ((key >> (4 * i + 3)) & 1) == 0 ? whenClear : whenSet;
            result |= (ulong)table[nibble] << (4 * i);
        }

        return result;
    }

    private static ulong Permute(ulong data, int[] table)
    {
        ulong result = 0;
        for (var i = 0; i < 64; i++)
        {
            result |= ((data >> i) & 1) << table[i];
        }

        return result;
    }

    private static int[] Invert(int[] table)
    {
        var inverse = new int[table.Length];
        for (var i = 0; i < table.Length; i++)
        {
            inverse[table[i]] = i;
        }

        return inverse;
    }
}
