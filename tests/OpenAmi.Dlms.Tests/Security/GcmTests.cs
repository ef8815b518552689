using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Security;
using OpenAmi.Dlms.Tests.Support;
using OpenAmi.Emulator.Dlms;

namespace OpenAmi.Dlms.Tests.Security;

public class GcmTests
{
    private static readonly HostAesBlockCipher Aes = new();

    // D. McGrew, J. Viega, "The Galois/Counter Mode of Operation (GCM)", rev. 2005, Appendix B, test cases 1–4
    // (the same vectors are in NIST's GCM specification / gcm-spec.pdf).
    [Theory]
    [InlineData("00000000000000000000000000000000", "000000000000000000000000", "", "", "", "58e2fccefa7e3061367f1d57a4e7455a")]
    [InlineData("00000000000000000000000000000000", "000000000000000000000000", "00000000000000000000000000000000", "", "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf")]
    [InlineData("feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255", "",
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
        "4d5c2af327cd64a62cf35abd2ba6fab4")]
    [InlineData("feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        "feedfacedeadbeeffeedfacedeadbeefabaddad2",
        "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
        "5bc94fbc3221a5db94fae95ae7121a47")]
    public void McGrewViegaTestCases(string key, string iv, string plain, string aad, string cipher, string tag)
    {
        var gcm = new AesGcm(Aes);
        var p = Hex.Bytes(plain);
        var a = Hex.Bytes(aad);
        var output = new byte[p.Length];
        var t = new byte[16];
        gcm.Encrypt(Hex.Bytes(key), Hex.Bytes(iv), 0, a, 0, a.Length, p, 0, p.Length, output, 0, t, 0, 16);
        Assert.Equal(cipher.ToUpperInvariant(), Hex.Of(output));
        Assert.Equal(tag.ToUpperInvariant(), Hex.Of(t));
        var back = new byte[p.Length];
        Assert.True(gcm.Decrypt(Hex.Bytes(key), Hex.Bytes(iv), 0, a, 0, a.Length, output, 0, output.Length, back, 0, t, 0, 16));
        Assert.Equal(p, back);
        t[3] ^= 1;
        Assert.False(gcm.Decrypt(Hex.Bytes(key), Hex.Bytes(iv), 0, a, 0, a.Length, output, 0, output.Length, back, 0, t, 0, 16));
    }

    [Fact]
    public void AgreesWithDotNetAesGcmOnRandomInputs()
    {
        // A second, independent implementation: System.Security.Cryptography.AesGcm with 12-byte tags.
        var random = new Random(62056);
        var gcm = new AesGcm(Aes);
        for (int i = 0; i < 200; i++)
        {
            var key = new byte[16];
            var iv = new byte[12];
            var plain = new byte[random.Next(0, 300)];
            var aad = new byte[random.Next(0, 60)];
            random.NextBytes(key);
            random.NextBytes(iv);
            random.NextBytes(plain);
            random.NextBytes(aad);
            var expectedCipher = new byte[plain.Length];
            var expectedTag = new byte[12];
            using (var reference = new System.Security.Cryptography.AesGcm(key, 12))
            {
                reference.Encrypt(iv, plain, expectedCipher, expectedTag, aad);
            }

            var cipher = new byte[plain.Length];
            var tag = new byte[12];
            gcm.Encrypt(key, iv, 0, aad, 0, aad.Length, plain, 0, plain.Length, cipher, 0, tag, 0, 12);
            Assert.Equal(expectedCipher, cipher);
            Assert.Equal(expectedTag, tag);
        }
    }

    [Fact]
    public void GreenBookCipheredInitiateRequest()
    {
        // DLMS UA Green Book example (glo-initiateRequest in a ciphered AARQ; reproduced in u9n/dlms-cosem
        // tests/test_asce/test_aarq.py and Gurux test suites): EK 000102…0F, AK D0…DF, system title
        // 4D4D4D0000BC614E, IC 01234567, SC 30.
        var cipher = new DlmsCipher(Aes, 256);
        var plain = Hex.Bytes("01011000112233445566778899AABBCCDDEEFF0000065F1F0400007E1F04B0");
        var output = new byte[128];
        int n = cipher.Protect(ApduTag.GloInitiateRequest, 0x30, 0x01234567, Hex.Bytes("4D4D4D0000BC614E"),
            Hex.Bytes("000102030405060708090A0B0C0D0E0F"), Hex.Bytes("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF"), plain, 0, plain.Length, output, 0, output.Length);
        Assert.Equal("21303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855", Hex.Of(output, 0, n));

        var apdu = Assert.IsType<CipheredApdu>(ApduCodec.Decode(output, 0, n));
        var back = new byte[64];
        int m = cipher.Unprotect(apdu, Hex.Bytes("4D4D4D0000BC614E"), Hex.Bytes("000102030405060708090A0B0C0D0E0F"),
            Hex.Bytes("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF"), back, 0, out bool valid);
        Assert.True(valid);
        Assert.Equal(Hex.Of(plain), Hex.Of(back, 0, m));
        var init = Assert.IsType<InitiateRequest>(ApduCodec.Decode(back, 0, m));
        Assert.Equal("00112233445566778899AABBCCDDEEFF", Hex.Of(init.DedicatedKey));
    }

    [Fact]
    public void GreenBookHlsMechanism5Table43()
    {
        // DLMS UA Green Book Ed. 8.1, §9.2.7.4, Table 43 "HLS example using authentication-mechanism 5 with GMAC".
        var cipher = new DlmsCipher(Aes, 64);
        var ek = Hex.Bytes("000102030405060708090A0B0C0D0E0F");
        var ak = Hex.Bytes("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
        var f = new byte[17];
        cipher.HlsGmac(Hex.Bytes("4D4D4D0000000001"), 1, ek, ak, "P6wRJ21F"u8.ToArray(), f, 0);
        Assert.Equal("10000000011A52FE7DD3E72748973C1E28", Hex.Of(f));
        cipher.HlsGmac(Hex.Bytes("4D4D4D0000BC614E"), 0x01234567, ek, ak, "K56iVagY"u8.ToArray(), f, 0);
        Assert.Equal("1001234567FE1466AFB3DBCD4F9389E2B7", Hex.Of(f));
        Assert.True(cipher.VerifyHlsGmac(Hex.Bytes("4D4D4D0000BC614E"), ek, ak, "K56iVagY"u8.ToArray(), f));
        f[16] ^= 0x80;
        Assert.False(cipher.VerifyHlsGmac(Hex.Bytes("4D4D4D0000BC614E"), ek, ak, "K56iVagY"u8.ToArray(), f));
    }

    [Theory]
    [InlineData(0x10)]
    [InlineData(0x20)]
    [InlineData(0x30)]
    public void EveryPolicyRoundTripsInBothApduForms(byte sc)
    {
        var cipher = new DlmsCipher(Aes, 256);
        var ek = Hex.Bytes("000102030405060708090A0B0C0D0E0F");
        var ak = Hex.Bytes("D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF");
        var title = Hex.Bytes("4F414D0000000001");
        var plain = Hex.Bytes("C001C100030100010800FF0200");
        foreach (var tag in new[] { ApduTag.GloGetRequest, ApduTag.GeneralGloCiphering })
        {
            var output = new byte[128];
            int n = cipher.Protect(tag, sc, 77, title, ek, ak, plain, 0, plain.Length, output, 0, output.Length);
            var apdu = Assert.IsType<CipheredApdu>(ApduCodec.Decode(output, 0, n));
            var back = new byte[64];
            int m = cipher.Unprotect(apdu, tag == ApduTag.GloGetRequest ? title : null, ek, ak, back, 0, out bool valid);
            Assert.True(valid);
            Assert.Equal(Hex.Of(plain), Hex.Of(back, 0, m));
            if ((sc & 0x10) != 0)
            {
                output[n - 1] ^= 1;
                apdu = (CipheredApdu)ApduCodec.Decode(output, 0, n);
                cipher.Unprotect(apdu, title, ek, ak, back, 0, out valid);
                Assert.False(valid);
            }
        }
    }
}
