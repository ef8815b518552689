using System.Security.Cryptography;

namespace OpenAmi.Emulator.Sts;

/// <summary>
/// DKGA02 (IEC 62055-41): the meter's 64-bit decoder key from a DES vending key and the meter's identity.
/// PANBlock = last 5 digits of the 6-digit IIN + the 11-digit DRN (16 BCD digits);
/// CONTROLBlock = key type (1 digit) + SGC (6) + tariff index (2) + key revision (1) + FFFFFF;
/// X = PANBlock ⊕ CONTROLBlock; DK = DES(VK, X) ⊕ X ⊕ VK.
/// </summary>
public static class DecoderKeyGenerationAlgorithm02
{
    public static ulong Derive(byte[] vendingKey, string issuerId, string decoderReference, int keyType, string supplyGroupCode, string tariffIndex, int keyRevision)
    {
        if (vendingKey.Length != 8)
        {
            throw new ArgumentException("a DES vending key is 8 bytes", nameof(vendingKey));
        }

        RequireDigits(issuerId, 6, nameof(issuerId));
        RequireDigits(decoderReference, 11, nameof(decoderReference));
        RequireDigits(supplyGroupCode, 6, nameof(supplyGroupCode));
        RequireDigits(tariffIndex, 2, nameof(tariffIndex));
        if (keyType is < 0 or > 9 || keyRevision is < 1 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(keyType), "key type 0–9 and key revision 1–9");
        }

        var pan = Convert.FromHexString(issuerId[1..] + decoderReference);
        var control = Convert.FromHexString($"{keyType}{supplyGroupCode}{tariffIndex}{keyRevision}FFFFFF");
        var x = new byte[8];
        for (var i = 0; i < 8; i++)
        {
            x[i] = (byte)(pan[i] ^ control[i]);
        }

        using var des = DES.Create();
        des.Key = vendingKey;
        var encrypted = des.EncryptEcb(x, PaddingMode.None);
        ulong key = 0;
        for (var i = 0; i < 8; i++)
        {
            key = (key << 8) | (byte)(encrypted[i] ^ x[i] ^ vendingKey[i]);
        }

        return key;
    }

    private static void RequireDigits(string value, int length, string name)
    {
        if (value is null || value.Length != length || !value.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"{name} must be {length} digits", name);
        }
    }
}
