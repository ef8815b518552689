using nanoFramework.TestFramework;
using OpenAmi.Device.Tests.Support;
using OpenAmi.Prepaid.OpenPayGo;
using OpenAmi.Prepaid.Sts;
using OpenAmi.TestVectors;

namespace OpenAmi.Device.Tests.Vectors
{
    /// <summary>SipHash, the published OpenPAYGO tokens and the STS CRC examples (tests/vectors), on the device.</summary>
    [TestClass]
    public class PrepaidVectorTests
    {
        [TestMethod]
        public void SipHashMatchesAllSixtyFourReferenceVectors()
        {
            SipHash24.ReadKey(SipHashVectors.Key(), out ulong k0, out ulong k1);
            var message = new byte[64];
            for (int i = 0; i < message.Length; i++)
            {
                message[i] = (byte)i;
            }

            for (int length = 0; length < 64; length++)
            {
                Assert.AreEqual(SipHashVectors.ByLength[length], SipHash24.Hash(k0, k1, message, 0, length));
            }

            Assert.AreEqual(SipHashVectors.PaperAppendixHash, SipHash24.Hash(k0, k1, message, 0, SipHashVectors.PaperMessageLength));
        }

        [TestMethod]
        public void EveryPublishedOpenPaygoTokenDecodesToItsTypeValueAndCount()
        {
            for (int r = 0; r < OpenPaygoVectors.Rows.Length; r++)
            {
                OpenPaygoTokenRow row = OpenPaygoVectors.Rows[r];
                var decoder = new OpenPaygoDecoder(Hex.Bytes(row.Device.KeyHex), row.Device.StartingCode, OpenPaygoWindows.Default);
                for (int i = 0; i < row.Tokens.Length; i++)
                {
                    bool extended = OpenPaygoVectors.IsExtended(i);
                    OpenPaygoDecodeResult result = decoder.Decode(row.Tokens[i], extended, OpenPaygoVectors.IsRestricted(i),
                        OpenPaygoCountState.Fresh(row.Device.Count));
                    Assert.AreEqual((int)OpenPaygoDecodeStatus.Valid, (int)result.Status, row.Tokens[i]);
                    Assert.AreEqual(row.NewCount, result.Count, row.Tokens[i]);
                    Assert.AreEqual((long)ExpectedValue(row), result.Value, row.Tokens[i]);
                    // Extended tokens carry raw values: the spec leaves 998/999 meaning to 9-digit tokens only.
                    var type = extended && row.Value == OpenPaygoVectors.NoValue ? OpenPaygoTokenType.SetTime : row.Type;
                    Assert.AreEqual((int)type, (int)result.Type, row.Tokens[i]);
                }
            }
        }

        [TestMethod]
        public void StsCrcReproducesTheStandardsExamples()
        {
            for (int i = 0; i < StsVectors.CrcExamples.Length; i++)
            {
                Assert.AreEqual(StsVectors.CrcExamples[i].Crc, StsCrc16.Compute(StsVectors.CrcExamples[i].FiftyBits));
            }
        }

        [TestMethod]
        public void PublishedTestVouchersDecodeWithAValidCrc()
        {
            for (int i = 0; i < StsVectors.Class1TestVouchers.Length; i++)
            {
                StsTestVoucher voucher = StsVectors.Class1TestVouchers[i];
                Assert.IsTrue(StsTokenNumber.TryParse(voucher.Digits, out StsTokenNumber number, out string reason), voucher.Name + ": " + reason);
                Assert.AreEqual(1, number.TokenClass, voucher.Name);
                StsClass1Token token = StsClass1Token.Decode(number);
                Assert.AreEqual(0, token.Subclass, voucher.Name);
                Assert.AreEqual(voucher.Control, token.Control, voucher.Name);
                Assert.AreEqual(voucher.Crc, token.Crc, voucher.Name);
                Assert.IsTrue(token.CrcValid, voucher.Name);
            }
        }

        private static int ExpectedValue(OpenPaygoTokenRow row)
        {
            if (row.Value != OpenPaygoVectors.NoValue)
            {
                return row.Value;
            }

            return row.Type == OpenPaygoTokenType.DisablePayg ? OpenPaygoDecoder.DisablePaygValue : OpenPaygoDecoder.CounterSyncValue;
        }
    }
}
