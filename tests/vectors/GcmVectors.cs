namespace OpenAmi.TestVectors
{
    /// <summary>One AES-128-GCM case with a 16-byte tag; every field is hex ("" for empty).</summary>
    public sealed class GcmCase
    {
        public GcmCase(string key, string iv, string plain, string aad, string cipher, string tag)
        {
            Key = key;
            Iv = iv;
            Plain = plain;
            Aad = aad;
            Cipher = cipher;
            Tag = tag;
        }

        public string Key { get; }

        public string Iv { get; }

        public string Plain { get; }

        public string Aad { get; }

        public string Cipher { get; }

        public string Tag { get; }
    }

    /// <summary>AES-GCM and the DLMS security suite 0 built on it (OpenAmi.Dlms.Security).</summary>
    public static class GcmVectors
    {
        /// <summary>
        /// D. McGrew, J. Viega, "The Galois/Counter Mode of Operation (GCM)", rev. 2005, Appendix B, test cases 1–4
        /// (the same vectors are in NIST's GCM specification / gcm-spec.pdf).
        /// </summary>
        public static readonly GcmCase[] McGrewViega =
        {
            new GcmCase("00000000000000000000000000000000", "000000000000000000000000", "", "", "", "58e2fccefa7e3061367f1d57a4e7455a"),
            new GcmCase("00000000000000000000000000000000", "000000000000000000000000", "00000000000000000000000000000000", "",
                "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"),
            new GcmCase("feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
                "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255", "",
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
                "4d5c2af327cd64a62cf35abd2ba6fab4"),
            new GcmCase("feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
                "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
                "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
                "5bc94fbc3221a5db94fae95ae7121a47"),
        };

        /// <summary>The Green Book examples' keys: EK 000102…0F, AK D0…DF.</summary>
        public const string GreenBookEk = "000102030405060708090A0B0C0D0E0F";
        public const string GreenBookAk = "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF";

        /// <summary>
        /// DLMS UA Green Book example (glo-initiateRequest in a ciphered AARQ; reproduced in u9n/dlms-cosem
        /// tests/test_asce/test_aarq.py and Gurux test suites): system title 4D4D4D0000BC614E, IC 01234567, SC 30.
        /// </summary>
        public const string InitiateSystemTitle = "4D4D4D0000BC614E";
        public const uint InitiateInvocationCounter = 0x01234567;
        public const byte InitiateSecurityControl = 0x30;
        public const string InitiatePlain = "01011000112233445566778899AABBCCDDEEFF0000065F1F0400007E1F04B0";
        public const string InitiateDedicatedKey = "00112233445566778899AABBCCDDEEFF";
        public const string InitiateCiphered = "21303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855";

        /// <summary>
        /// DLMS UA Green Book Ed. 8.1, §9.2.7.4, Table 43 "HLS example using authentication-mechanism 5 with GMAC":
        /// the client's f(StoC) and the server's f(CtoS), each SC 10 | IC | 12-byte GMAC tag.
        /// </summary>
        public const string HlsClientSystemTitle = "4D4D4D0000000001";
        public const uint HlsClientInvocationCounter = 1;
        public const string HlsStoC = "P6wRJ21F";
        public const string HlsClientResponse = "10000000011A52FE7DD3E72748973C1E28";
        public const string HlsServerSystemTitle = "4D4D4D0000BC614E";
        public const uint HlsServerInvocationCounter = 0x01234567;
        public const string HlsCtoS = "K56iVagY";
        public const string HlsServerResponse = "1001234567FE1466AFB3DBCD4F9389E2B7";
    }
}
