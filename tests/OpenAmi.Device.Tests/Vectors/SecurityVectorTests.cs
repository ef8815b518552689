using nanoFramework.TestFramework;
using OpenAmi.Device.Tests.Support;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Security;
using OpenAmi.Firmware.Esp32.Adapters.Crypto;
using OpenAmi.TestVectors;

namespace OpenAmi.Device.Tests.Vectors
{
    /// <summary>AES-GCM and DLMS suite 0 (tests/vectors/GcmVectors.cs) over the board's own AES block function.</summary>
    [TestClass]
    public class SecurityVectorTests
    {
        [TestMethod]
        public void McGrewViegaCasesEncryptDecryptAndRefuseATamperedTag()
        {
            var gcm = new AesGcm(new AesBlockCipher());
            for (int i = 0; i < GcmVectors.McGrewViega.Length; i++)
            {
                GcmCase c = GcmVectors.McGrewViega[i];
                byte[] key = Hex.Bytes(c.Key);
                byte[] iv = Hex.Bytes(c.Iv);
                byte[] plain = Hex.Bytes(c.Plain);
                byte[] aad = Hex.Bytes(c.Aad);
                var cipher = new byte[plain.Length];
                var tag = new byte[16];
                gcm.Encrypt(key, iv, 0, aad, 0, aad.Length, plain, 0, plain.Length, cipher, 0, tag, 0, 16);
                Assert.AreEqual(Hex.Of(Hex.Bytes(c.Cipher), 0, cipher.Length), Hex.Of(cipher, 0, cipher.Length));
                Assert.AreEqual(Hex.Of(Hex.Bytes(c.Tag), 0, 16), Hex.Of(tag, 0, 16));

                var back = new byte[plain.Length];
                Assert.IsTrue(gcm.Decrypt(key, iv, 0, aad, 0, aad.Length, cipher, 0, cipher.Length, back, 0, tag, 0, 16));
                Assert.AreEqual(Hex.Of(plain, 0, plain.Length), Hex.Of(back, 0, back.Length));
                tag[3] ^= 1;
                Assert.IsFalse(gcm.Decrypt(key, iv, 0, aad, 0, aad.Length, cipher, 0, cipher.Length, back, 0, tag, 0, 16));
            }
        }

        [TestMethod]
        public void GreenBookCipheredInitiateRequestRoundTrips()
        {
            var cipher = new DlmsCipher(new AesBlockCipher(), 256);
            byte[] title = Hex.Bytes(GcmVectors.InitiateSystemTitle);
            byte[] ek = Hex.Bytes(GcmVectors.GreenBookEk);
            byte[] ak = Hex.Bytes(GcmVectors.GreenBookAk);
            byte[] plain = Hex.Bytes(GcmVectors.InitiatePlain);
            var output = new byte[128];
            int n = cipher.Protect(ApduTag.GloInitiateRequest, GcmVectors.InitiateSecurityControl, GcmVectors.InitiateInvocationCounter,
                title, ek, ak, plain, 0, plain.Length, output, 0, output.Length);
            Assert.AreEqual(GcmVectors.InitiateCiphered, Hex.Of(output, 0, n));

            var apdu = (CipheredApdu)ApduCodec.Decode(output, 0, n);
            var back = new byte[64];
            int m = cipher.Unprotect(apdu, title, ek, ak, back, 0, out bool valid);
            Assert.IsTrue(valid);
            Assert.AreEqual(GcmVectors.InitiatePlain, Hex.Of(back, 0, m));
            var initiate = (InitiateRequest)ApduCodec.Decode(back, 0, m);
            Assert.AreEqual(GcmVectors.InitiateDedicatedKey, Hex.Of(initiate.DedicatedKey, 0, initiate.DedicatedKey.Length));
        }

        [TestMethod]
        public void GreenBookHlsGmacTable43()
        {
            var cipher = new DlmsCipher(new AesBlockCipher(), 64);
            byte[] ek = Hex.Bytes(GcmVectors.GreenBookEk);
            byte[] ak = Hex.Bytes(GcmVectors.GreenBookAk);
            byte[] server = Hex.Bytes(GcmVectors.HlsServerSystemTitle);
            byte[] ctos = Ascii.Bytes(GcmVectors.HlsCtoS);
            var f = new byte[17];
            cipher.HlsGmac(Hex.Bytes(GcmVectors.HlsClientSystemTitle), GcmVectors.HlsClientInvocationCounter, ek, ak,
                Ascii.Bytes(GcmVectors.HlsStoC), f, 0);
            Assert.AreEqual(GcmVectors.HlsClientResponse, Hex.Of(f, 0, f.Length));
            cipher.HlsGmac(server, GcmVectors.HlsServerInvocationCounter, ek, ak, ctos, f, 0);
            Assert.AreEqual(GcmVectors.HlsServerResponse, Hex.Of(f, 0, f.Length));
            Assert.IsTrue(cipher.VerifyHlsGmac(server, ek, ak, ctos, f));
            f[16] ^= 0x80;
            Assert.IsFalse(cipher.VerifyHlsGmac(server, ek, ak, ctos, f));
        }
    }
}
