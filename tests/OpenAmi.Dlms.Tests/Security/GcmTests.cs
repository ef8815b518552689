using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Security;
using OpenAmi.Dlms.Tests.Support;
using OpenAmi.Emulator.Dlms;
using OpenAmi.TestVectors;

namespace OpenAmi.Dlms.Tests.Security;

public class GcmTests
{
    private static readonly HostAesBlockCipher Aes = new();

    /// <summary>The McGrew–Viega cases of tests/vectors/GcmVectors.cs (source cited there), shared with the board tests.</summary>
    public static TheoryData<int> McGrewViegaCases() => new(Enumerable.Range(0, GcmVectors.McGrewViega.Length));

    [Theory]
    [MemberData(nameof(McGrewViegaCases))]
    public void McGrewViegaTestCases(int index)
    {
        var c = GcmVectors.McGrewViega[index];
        var (key, iv, plain, aad, cipher, tag) = (c.Key, c.Iv, c.Plain, c.Aad, c.Cipher, c.Tag);
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
        // The Green Book glo-initiateRequest of tests/vectors/GcmVectors.cs (source cited there).
        var cipher = new DlmsCipher(Aes, 256);
        var title = Hex.Bytes(GcmVectors.InitiateSystemTitle);
        var ek = Hex.Bytes(GcmVectors.GreenBookEk);
        var ak = Hex.Bytes(GcmVectors.GreenBookAk);
        var plain = Hex.Bytes(GcmVectors.InitiatePlain);
        var output = new byte[128];
        int n = cipher.Protect(ApduTag.GloInitiateRequest, GcmVectors.InitiateSecurityControl, GcmVectors.InitiateInvocationCounter, title,
            ek, ak, plain, 0, plain.Length, output, 0, output.Length);
        Assert.Equal(GcmVectors.InitiateCiphered, Hex.Of(output, 0, n));

        var apdu = Assert.IsType<CipheredApdu>(ApduCodec.Decode(output, 0, n));
        var back = new byte[64];
        int m = cipher.Unprotect(apdu, title, ek, ak, back, 0, out bool valid);
        Assert.True(valid);
        Assert.Equal(Hex.Of(plain), Hex.Of(back, 0, m));
        var init = Assert.IsType<InitiateRequest>(ApduCodec.Decode(back, 0, m));
        Assert.Equal(GcmVectors.InitiateDedicatedKey, Hex.Of(init.DedicatedKey));
    }

    [Fact]
    public void GreenBookHlsMechanism5Table43()
    {
        // Green Book Table 43 of tests/vectors/GcmVectors.cs (source cited there).
        var cipher = new DlmsCipher(Aes, 64);
        var ek = Hex.Bytes(GcmVectors.GreenBookEk);
        var ak = Hex.Bytes(GcmVectors.GreenBookAk);
        var server = Hex.Bytes(GcmVectors.HlsServerSystemTitle);
        var ctos = System.Text.Encoding.ASCII.GetBytes(GcmVectors.HlsCtoS);
        var f = new byte[17];
        cipher.HlsGmac(Hex.Bytes(GcmVectors.HlsClientSystemTitle), GcmVectors.HlsClientInvocationCounter, ek, ak,
            System.Text.Encoding.ASCII.GetBytes(GcmVectors.HlsStoC), f, 0);
        Assert.Equal(GcmVectors.HlsClientResponse, Hex.Of(f));
        cipher.HlsGmac(server, GcmVectors.HlsServerInvocationCounter, ek, ak, ctos, f, 0);
        Assert.Equal(GcmVectors.HlsServerResponse, Hex.Of(f));
        Assert.True(cipher.VerifyHlsGmac(server, ek, ak, ctos, f));
        f[16] ^= 0x80;
        Assert.False(cipher.VerifyHlsGmac(server, ek, ak, ctos, f));
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
