using OpenAmi.Prepaid.Sts;

namespace OpenAmi.Emulator.Sts;

/// <summary>Fields of a decrypted class 0 or class 2 token (data block: subclass 4 | RND 4 | TID 24 | amount/value 16 | CRC 16).</summary>
public sealed record StsDecodedToken(int TokenClass, int Subclass, int Rnd, int Tid, int Field, bool CrcValid)
{
    /// <summary>Transfer amount in 0.1 units (class 0 only).</summary>
    public long Units => StsAmount.ToUnits(Field);

    public static StsDecodedToken Decode(StsTokenNumber number, ulong decoderKey)
    {
        var block = StandardTransferAlgorithm.Decrypt(number.DataBlock, decoderKey);
        var subclass = (int)(block >> 60) & 0xF;
        var rnd = (int)(block >> 56) & 0xF;
        var tid = (int)(block >> 32) & 0xFFFFFF;
        var field = (int)(block >> 16) & 0xFFFF;
        return new StsDecodedToken(number.TokenClass, subclass, rnd, tid, field, StsCrc16.Matches(number.TokenClass, block));
    }

    /// <summary>Vending side: builds, checksums and encrypts a class 0/2 token.</summary>
    public static StsTokenNumber Encode(int tokenClass, int subclass, int rnd, int tid, int field, ulong decoderKey)
    {
        var fields = ((ulong)subclass << 60) | ((ulong)rnd << 56) | ((ulong)tid << 32) | ((ulong)(uint)field << 16);
        var block = fields | (uint)StsCrc16.Compute(StsCrc16.CoveredBits(tokenClass, fields));
        return StsTokenNumber.FromDataBlock(StandardTransferAlgorithm.Encrypt(block, decoderKey), tokenClass);
    }
}
