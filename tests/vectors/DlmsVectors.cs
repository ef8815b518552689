using OpenAmi.Dlms.Axdr;

namespace OpenAmi.TestVectors
{
    /// <summary>One A-XDR scalar: its encoding, its type and its value as invariant text.</summary>
    public sealed class AxdrScalar
    {
        public AxdrScalar(string hex, DataType type, string text)
        {
            Hex = hex;
            Type = type;
            Text = text;
        }

        public string Hex { get; }

        public DataType Type { get; }

        /// <summary>"" for null-data, "True"/"False", integers in decimal, floats in the shortest round-trip form.</summary>
        public string Text { get; }
    }

    /// <summary>HDLC frames, APDUs and A-XDR values of the DLMS/COSEM client (OpenAmi.Dlms).</summary>
    public static class DlmsVectors
    {
        // u9n/dlms-cosem tests/test_hdlc/test_hdlc.py (TestSnrmFrame, TestUAFrame, TestInformationFrame,
        // TestInformationResponseFrame): client 16, server logical 1 / physical 17 (2-byte address).
        public const string Snrm2Byte = "7EA00802232193BD647E";
        public const string Ua = "7EA01F21022373E6C781801205019A06019A070400000001080400000001CCA27E";
        public const string IFrameAarq = "7EA02C02232110AF9FE6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFFC5E47E";
        public const string IFrameAarqInfo = "E6E600601DA109060760857405080101BE10040E01000000065F1F0400001E1DFFFF";
        public const string IFrameAare = "7EA0382102233034E7E6E7006129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007B86A7E";

        /// <summary>Gurux (gxdlms-go types test "Test_Hex", and Gurux DLMS documentation): SNRM to 1-byte server 1 from client 16.</summary>
        public const string Snrm1Byte = "7E A0 07 03 21 93 0F 01 7E";

        // DLMS UA Green Book (via u9n/dlms-cosem tests/test_asce/test_aarq.py "Example encodings from DLMS Green Book v10: page 444").
        public const string AarqNoSecurity = "601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0";
        public const string AarqLls = "6036A1090607608574050801018A0207808B0760857405080201AC0A80083132333435363738BE10040E01000000065F1F0400007E1F04B0";
        public const string AarqHls = "6036A1090607608574050801018A0207808B0760857405080205AC0A80084B35366956616759BE10040E01000000065F1F0400007E1F04B0";
        public const string AarqCipheredLls = "6066A109060760857405080103A60A04084D4D4D0000BC614E8A0207808B0760857405080201AC0A80083132333435363738BE34043221303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855";

        /// <summary>
        /// A-XDR encodings hand-computed from the Data type table of IEC 62056-6-2 / Green Book (tag byte, then the
        /// value big-endian) unless another source is cited.
        /// </summary>
        public static readonly AxdrScalar[] Scalars =
        {
            new AxdrScalar("00", DataType.NullData, ""),
            new AxdrScalar("0301", DataType.Boolean, "True"),
            new AxdrScalar("0F80", DataType.Integer, "-128"),
            new AxdrScalar("10FFFE", DataType.Long, "-2"),
            new AxdrScalar("11FF", DataType.Unsigned, "255"),
            new AxdrScalar("12FFFF", DataType.LongUnsigned, "65535"),
            new AxdrScalar("05FFFFFFFF", DataType.DoubleLong, "-1"),
            // u9n/dlms-cosem tests/test_xdlms/test_get.py TestGetResponseNormal: 06 00 00 13 91 = 5009.
            new AxdrScalar("0600001391", DataType.DoubleLongUnsigned, "5009"),
            new AxdrScalar("148000000000000000", DataType.Long64, "-9223372036854775808"),
            new AxdrScalar("15FFFFFFFFFFFFFFFF", DataType.Long64Unsigned, "18446744073709551615"),
            new AxdrScalar("1603", DataType.Enum, "3"),
            new AxdrScalar("0D42", DataType.Bcd, "66"),
            new AxdrScalar("173FC00000", DataType.Float32, "1.5"),
            new AxdrScalar("18C004000000000000", DataType.Float64, "-2.5"),
        };
    }
}
