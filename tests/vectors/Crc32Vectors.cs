namespace OpenAmi.TestVectors
{
    /// <summary>CRC-32/ISO-HDLC (the CRC of OpenAmi.Storage's records): published check values.</summary>
    public static class Crc32Vectors
    {
        /// <summary>
        /// Check value for ASCII "123456789": Greg Cook, "Catalogue of parametrised CRC algorithms",
        /// https://reveng.sourceforge.io/crc-catalogue/17plus.htm#crc.cat.crc-32-iso-hdlc.
        /// </summary>
        public const string CheckInput = "123456789";
        public const uint CheckValue = 0xCBF43926;

        /// <summary>Rosetta Code, "CRC-32" task, https://rosettacode.org/wiki/CRC-32.</summary>
        public const string Pangram = "The quick brown fox jumps over the lazy dog";
        public const uint PangramValue = 0x414FA339;
    }
}
