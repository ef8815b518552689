using nanoFramework.TestFramework;
using OpenAmi.Device.Tests.Support;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.TestVectors;

namespace OpenAmi.Device.Tests.Vectors
{
    /// <summary>The published HDLC frames, APDUs and A-XDR values of tests/vectors/DlmsVectors.cs, on the device.</summary>
    [TestClass]
    public class DlmsVectorTests
    {
        [TestMethod]
        public void PublishedFramesDecodeWithValidChecksums()
        {
            HdlcFrame snrm = DecodeSingle(DlmsVectors.Snrm1Byte);
            Assert.AreEqual((int)HdlcFrameType.SNRM, (int)snrm.Type);
            Assert.AreEqual(1, snrm.DestinationUpper);
            Assert.AreEqual(16, snrm.SourceUpper);
            Assert.IsTrue(snrm.FcsValid);

            HdlcFrame ua = DecodeSingle(DlmsVectors.Ua);
            Assert.AreEqual((int)HdlcFrameType.UA, (int)ua.Type);
            Assert.IsTrue(ua.Valid);
            Assert.AreEqual(17, ua.SourceLower);

            HdlcFrame aare = DecodeSingle(DlmsVectors.IFrameAare);
            Assert.AreEqual((int)HdlcFrameType.I, (int)aare.Type);
            Assert.IsTrue(aare.Valid);
            Assert.AreEqual(0, aare.SendSequence);
            Assert.AreEqual(1, aare.ReceiveSequence);
            Assert.AreEqual("E6E7006129", Hex.Of(aare.Buffer, aare.InfoOffset, 5));
        }

        [TestMethod]
        public void SnrmAndTheAarqFrameAreEncodedAsPublished()
        {
            var output = new byte[128];
            int n = HdlcCodec.Encode(output, 0, HdlcAddress.Server(1, 17, 2), HdlcAddress.Client(16),
                HdlcControl.Unnumbered(HdlcControl.Snrm, true), false, output, 0, 0);
            Assert.AreEqual(DlmsVectors.Snrm2Byte, Hex.Of(output, 0, n));

            byte[] info = Hex.Bytes(DlmsVectors.IFrameAarqInfo);
            n = HdlcCodec.Encode(output, 0, HdlcAddress.Server(1, 17, 2), HdlcAddress.Client(16),
                HdlcControl.Information(0, 0, true), false, info, 0, info.Length);
            Assert.AreEqual(DlmsVectors.IFrameAarq, Hex.Of(output, 0, n));
        }

        [TestMethod]
        public void GreenBookAarqsDecodeAndReencodeByteForByte()
        {
            string[] aarqs = { DlmsVectors.AarqNoSecurity, DlmsVectors.AarqLls, DlmsVectors.AarqHls, DlmsVectors.AarqCipheredLls };
            var output = new byte[256];
            for (int i = 0; i < aarqs.Length; i++)
            {
                byte[] bytes = Hex.Bytes(aarqs[i]);
                var aarq = (AssociationRequest)ApduCodec.Decode(bytes, 0, bytes.Length);
                int n = ApduCodec.Encode(aarq, output, 0, output.Length);
                Assert.AreEqual(aarqs[i], Hex.Of(output, 0, n));
            }
        }

        [TestMethod]
        public void AxdrScalarsDecodeFormatAndReencode()
        {
            var output = new byte[32];
            for (int i = 0; i < DlmsVectors.Scalars.Length; i++)
            {
                AxdrScalar scalar = DlmsVectors.Scalars[i];
                byte[] bytes = Hex.Bytes(scalar.Hex);
                var reader = new AxdrReader(bytes);
                DataValue value = reader.ReadData();
                Assert.AreEqual(0, reader.Remaining, scalar.Hex);
                Assert.AreEqual((int)scalar.Type, (int)value.Type, scalar.Hex);
                // The device's own number formatting: the point of running this here.
                Assert.AreEqual(scalar.Text, Text(value), scalar.Hex);

                var writer = new AxdrWriter(output);
                writer.WriteData(value);
                Assert.AreEqual(scalar.Hex, Hex.Of(output, 0, writer.Position));
            }
        }

        private static string Text(DataValue value)
        {
            switch (value.Type)
            {
                case DataType.NullData:
                    return "";
                case DataType.Boolean:
                    return value.AsBoolean() ? "True" : "False";
                case DataType.Long64Unsigned:
                    return value.AsUInt64().ToString();
                case DataType.Float32:
                case DataType.Float64:
                    return value.AsDouble().ToString();
                default:
                    return value.AsInt64().ToString();
            }
        }

        private static HdlcFrame DecodeSingle(string hex)
        {
            byte[] bytes = Hex.Bytes(hex);
            var frame = new HdlcFrame();
            Assert.AreEqual((int)HdlcScanResult.Frame, (int)HdlcCodec.Scan(bytes, 0, bytes.Length, frame, out int consumed));
            Assert.AreEqual(bytes.Length - 1, consumed);
            return frame;
        }
    }
}
