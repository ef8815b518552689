using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Tests.Support;
using OpenAmi.TestVectors;

namespace OpenAmi.Dlms.Tests.Hdlc;

public class HdlcCodecTests
{
    // The published frames: tests/vectors/DlmsVectors.cs (sources cited there), shared with the board tests.
    private const string Snrm2Byte = DlmsVectors.Snrm2Byte;
    private const string Ua = DlmsVectors.Ua;
    private const string IFrameAarq = DlmsVectors.IFrameAarq;
    private const string IFrameAare = DlmsVectors.IFrameAare;
    private const string Snrm1Byte = DlmsVectors.Snrm1Byte;

    private static HdlcFrame DecodeSingle(byte[] bytes)
    {
        var frame = new HdlcFrame();
        Assert.Equal(HdlcScanResult.Frame, HdlcCodec.Scan(bytes, 0, bytes.Length, frame, out int consumed));
        Assert.Equal(bytes.Length - 1, consumed);
        return frame;
    }

    [Fact]
    public void DecodesTheOneByteAddressSnrm()
    {
        var frame = DecodeSingle(Hex.Bytes(Snrm1Byte));
        Assert.Equal(HdlcFrameType.SNRM, frame.Type);
        Assert.True(frame.PollFinal);
        Assert.Equal(1, frame.DestinationUpper);
        Assert.Equal(1, frame.DestinationSize);
        Assert.Equal(16, frame.SourceUpper);
        Assert.False(frame.HasHcs);
        Assert.True(frame.FcsValid);
        Assert.Equal(0, frame.InfoCount);
    }

    [Fact]
    public void EncodesSnrmExactlyAsPublished()
    {
        var output = new byte[64];
        int n = HdlcCodec.Encode(output, 0, HdlcAddress.Server(1, 17, 2), HdlcAddress.Client(16),
            HdlcControl.Unnumbered(HdlcControl.Snrm, true), false, output, 0, 0);
        Assert.Equal(Snrm2Byte, Hex.Of(output, 0, n));
        n = HdlcCodec.Encode(output, 0, HdlcAddress.Server(1, 0, 1), HdlcAddress.Client(16),
            HdlcControl.Unnumbered(HdlcControl.Snrm, true), false, output, 0, 0);
        Assert.Equal(Hex.Of(Hex.Bytes(Snrm1Byte)), Hex.Of(output, 0, n));
    }

    [Fact]
    public void EncodesTheAarqInformationFrameAsPublished()
    {
        var info = Hex.Bytes(DlmsVectors.IFrameAarqInfo);
        var output = new byte[128];
        int n = HdlcCodec.Encode(output, 0, HdlcAddress.Server(1, 17, 2), HdlcAddress.Client(16),
            HdlcControl.Information(0, 0, true), false, info, 0, info.Length);
        Assert.Equal(IFrameAarq, Hex.Of(output, 0, n));
    }

    [Fact]
    public void DecodesUaAndItsNegotiationField()
    {
        var frame = DecodeSingle(Hex.Bytes(Ua));
        Assert.Equal(HdlcFrameType.UA, frame.Type);
        Assert.True(frame.Valid);
        Assert.Equal(16, frame.DestinationUpper);
        Assert.Equal((1, 17, 2), (frame.SourceUpper, frame.SourceLower, frame.SourceSize));
        var p = HdlcParameters.Parse(frame.Buffer, frame.InfoOffset, frame.InfoCount);
        Assert.Equal((0x9A, 0x9A, 1, 1), (p.MaxInfoTransmit, p.MaxInfoReceive, p.WindowTransmit, p.WindowReceive));
    }

    [Fact]
    public void DecodesTheAareInformationFrameWithSequenceNumbers()
    {
        var frame = DecodeSingle(Hex.Bytes(IFrameAare));
        Assert.Equal(HdlcFrameType.I, frame.Type);
        Assert.True(frame.Valid);
        Assert.Equal(0, frame.SendSequence);
        Assert.Equal(1, frame.ReceiveSequence);
        Assert.True(frame.PollFinal);
        Assert.Equal("E6E7006129", Hex.Of(frame.Buffer, frame.InfoOffset, 5));
    }

    [Fact]
    public void ParameterFieldRoundTripsOneTwoAndFourByteValues()
    {
        var p = new HdlcParameters { MaxInfoTransmit = 0x80, MaxInfoReceive = 0x400, WindowTransmit = 7, WindowReceive = 3 };
        var buffer = new byte[32];
        int n = p.Write(buffer, 0);
        // Hand-computed from IEC 62056-46 §6.4.4.4.3.2: 81 80 13, 05 01 80, 06 02 0400, 07 04 00000007, 08 04 00000003.
        Assert.Equal(Hex.Of(Hex.Bytes("81 80 13 05 01 80 06 02 04 00 07 04 00 00 00 07 08 04 00 00 00 03")), Hex.Of(buffer, 0, n));
        var back = HdlcParameters.Parse(buffer, 0, n);
        Assert.Equal((0x80, 0x400, 7, 3), (back.MaxInfoTransmit, back.MaxInfoReceive, back.WindowTransmit, back.WindowReceive));
    }

    [Fact]
    public void FourByteServerAddressesRoundTrip()
    {
        // Hand-computed (IEC 62056-46 §6.4.2.2): upper 1 → 00 02, lower 0x3FFF → FE FF (last byte LSB = 1).
        var output = new byte[64];
        int n = HdlcCodec.Encode(output, 0, HdlcAddress.Server(1, 0x3FFF, 4), HdlcAddress.Client(1),
            HdlcControl.Unnumbered(HdlcControl.Disc, true), false, output, 0, 0);
        Assert.Equal("0002FEFF", Hex.Of(output, 3, 4));
        var frame = DecodeSingle(output.AsSpan(0, n).ToArray());
        Assert.Equal((1, 0x3FFF, 4), (frame.DestinationUpper, frame.DestinationLower, frame.DestinationSize));
        Assert.Equal(HdlcFrameType.DISC, frame.Type);
    }

    [Fact]
    public void FlagBytesInsideTheFrameAreLegal()
    {
        // Framing is by length: 7E inside the information field (and possibly in CRCs) must not cut the frame.
        var info = new byte[] { 0x7E, 0x7E, 0x01, 0x7E };
        var output = new byte[64];
        int n = HdlcCodec.Encode(output, 0, HdlcAddress.Client(16), HdlcAddress.Server(1, 17, 2),
            HdlcControl.Information(3, 5, false), true, info, 0, info.Length);
        var frame = DecodeSingle(output.AsSpan(0, n).ToArray());
        Assert.True(frame.Valid);
        Assert.True(frame.Segmented);
        Assert.Equal((3, 5), (frame.SendSequence, frame.ReceiveSequence));
        Assert.Equal("7E7E017E", Hex.Of(frame.Buffer, frame.InfoOffset, frame.InfoCount));
    }

    [Fact]
    public void ReaderResynchronisesAfterGarbageAndTruncatedFrames()
    {
        var good = Hex.Bytes(IFrameAare);
        var truncated = Hex.Bytes(IFrameAarq)[..20];
        var stream = new List<byte>();
        stream.AddRange(new byte[] { 0x00, 0xFF, 0x7E, 0x13, 0x7E });
        stream.AddRange(truncated);
        stream.AddRange(good);
        stream.AddRange(Hex.Bytes(Ua));
        var reader = new HdlcFrameReader(0);
        var frame = new HdlcFrame();
        var types = new List<HdlcFrameType>();
        foreach (var b in stream)
        {
            reader.Append(new[] { b }, 0, 1);
            while (reader.TryRead(frame))
            {
                if (frame.Valid)
                {
                    types.Add(frame.Type);
                }
            }
        }

        Assert.Equal(new[] { HdlcFrameType.I, HdlcFrameType.UA }, types);
        Assert.True(reader.DiscardedBytes >= 20);
    }

    [Fact]
    public void CorruptFcsIsReportedNotHidden()
    {
        var bytes = Hex.Bytes(IFrameAare);
        bytes[20] ^= 0x01;
        var frame = DecodeSingle(bytes);
        Assert.True(frame.HcsValid);
        Assert.False(frame.FcsValid);
        bytes = Hex.Bytes(IFrameAare);
        bytes[6] ^= 0x02; // control byte: the header checksum breaks too
        frame = DecodeSingle(bytes);
        Assert.False(frame.HcsValid);
    }

    [Fact]
    public void SegmentedFrameWithLengthByte7E()
    {
        // u9n/dlms-cosem tests/test_hdlc/test_hdlc.py TestHdlcAddress.test_find_address: a segmented frame
        // (format A8 7E: S bit set, length 0x07E) from server 1 to client 16.
        var bytes = Hex.Bytes("7ea87e210396a4090f01160002020f02160002020f03160002020f04160002020f05160002020f0616000204120017110009060000160000ff0202010902030f0116010002030f0216010002030f0316010002030f0416010002030f0516010002030f0616010002030f0716010002030f0816010002030f09160100016ff37e");
        var frame = DecodeSingle(bytes);
        Assert.True(frame.Segmented);
        Assert.Equal(16, frame.DestinationUpper);
        Assert.Equal(1, frame.SourceUpper);
        Assert.True(frame.Valid);
        Assert.Equal(0x7E - 2 - 2 - 1 - 2 - 2, frame.InfoCount);
    }

    [Fact]
    public void ScanNeverThrowsOnShortInput()
    {
        var frame = new HdlcFrame();
        Assert.Equal(HdlcScanResult.NeedMore, HdlcCodec.Scan(new byte[] { 0x7E, 0xA0 }, 0, 2, frame, out _));
        Assert.Equal(HdlcScanResult.Garbage, HdlcCodec.Scan(new byte[] { 0x7E, 0xA0, 0x02, 0x7E }, 0, 4, frame, out int c));
        Assert.Equal(1, c);
    }
}
