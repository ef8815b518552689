namespace OpenAmi.TestVectors
{
    /// <summary>The 50 CRC-covered bits of a token's data block and the CRC field they must carry.</summary>
    public sealed class StsCrcExample
    {
        public StsCrcExample(ulong fiftyBits, int crc)
        {
            FiftyBits = fiftyBits;
            Crc = crc;
        }

        public ulong FiftyBits { get; }

        public int Crc { get; }
    }

    /// <summary>A published class 1 test voucher: its 20 digits, its one control bit and its CRC field.</summary>
    public sealed class StsTestVoucher
    {
        public StsTestVoucher(string digits, ulong control, int crc, string name)
        {
            Digits = digits;
            Control = control;
            Crc = crc;
            Name = name;
        }

        public string Digits { get; }

        public ulong Control { get; }

        public int Crc { get; }

        public string Name { get; }
    }

    /// <summary>STS (IEC 62055-41) token CRC examples, checked without a key.</summary>
    public static class StsVectors
    {
        /// <summary>
        /// IEC 62055-41, 6.3.7 CRC and its worked example (Table 26), as quoted by the public Python STS tool
        /// "kf_sts_token.py" (docstring: "Algorithm and tables validated against STSSimulator").
        /// </summary>
        public static readonly StsCrcExample[] CrcExamples =
        {
            new StsCrcExample(0x00004A2D900FF2UL, 0x0FFA),
            new StsCrcExample(0x000B19EB230100UL, 0xC207),
        };

        /// <summary>
        /// Landis+Gyr "CASHPOWER Sabre Mk5" user guide (User Guide Sabre Mk5 Rev 0.0), 5.5.1.8 "Initiate Dispenser Test
        /// Voucher (Meter Non-Specific Voucher)". Their fields (subclass 0, MfrCode 00, one control bit each, the CRC)
        /// are read by hand from the 66-bit numbers: the control bit from bits 59..24 of the data block, the CRC from
        /// bits 15..0.
        /// </summary>
        public static readonly StsTestVoucher[] Class1TestVouchers =
        {
            new StsTestVoucher("00000000000150997584", 0x01UL, 0x0A50, "open the load switch"),
            new StsTestVoucher("00000000000167774880", 0x02UL, 0x0AA0, "HMI test"),
            new StsTestVoucher("00000000000201328896", 0x04UL, 0x0900, "total units counter"),
            // Key revision number and key type: control bit in block bit 27, shown at bit 64.
            new StsTestVoucher("18446744073843772416", 0x08UL, 0x0C00, "KRN and key type"),
            // Tariff index: block bit 28, shown at bit 65.
            new StsTestVoucher("36893488147553322496", 0x10UL, 0x0600, "tariff index"),
            new StsTestVoucher("00000000001207974400", 0x40UL, 0x3A00, "power limit"),
        };
    }
}
