using FsCheck;
using FsCheck.Fluent;
using OpenAmi.Dlms.Apdu;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Tests.Support;

namespace OpenAmi.Dlms.Tests;

/// <summary>
/// Property tests: whatever arrives on the wire, the codecs either decode it or raise their own
/// <see cref="DlmsException"/>, never anything else, and the memory they allocate stays proportional to the
/// input. Seeds are the published vectors used elsewhere in these tests (plus one hand-built GET.response
/// with-datablock carrying a structure and a compact-array), randomly mutated.
/// </summary>
public class PropertyTests
{
    private static readonly Config Many = Config.QuickThrowOnFailure.WithMaxTest(5000);

    private static readonly byte[][] Apdus =
    {
        Hex.Bytes("601DA109060760857405080101BE10040E01000000065F1F0400007E1F04B0"),
        Hex.Bytes("6142A109060760857405080101A203020100A305A10302010E88020780890760857405080205AA0A8008503677524A323146BE10040E0800065F1F040000501F01F40007"),
        Hex.Bytes("C401C1000600001391"),
        Hex.Bytes("C003C102000100002A0000FF020000080000010000FF0200"),
        Hex.Bytes("C101C1000800000100 00FF0200090C07E50118FF0E303950FFC400"),
        Hex.Bytes("C301C0000F0000280000FF010109111000001A90E6D2221FA2FD85EED61ACC22"),
        Hex.Bytes("21303001234567801302FF8A7874133D414CED25B42534D28DB0047720606B175BD52211BE6841DB204D39EE6FDB8E356855"),
        Hex.Bytes("0F000001DB000922125A859136000000004900000011 0000000A5A8513D014800000000D0000000A0100"),
        Hex.Bytes("C402C1000000000100 0E 0102 0202 0F FF 16 1E 13 12 04 0001 0002"),
    };

    private static readonly byte[][] Frames =
    {
        Hex.Bytes("7EA01F21022373E6C781801205019A06019A070400000001080400000001CCA27E"),
        Hex.Bytes("7EA0382102233034E7E6E7006129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F0400001E1D04C80007B86A7E"),
        Hex.Bytes("7E A0 07 03 21 93 0F 01 7E"),
    };

    /// <summary>A seed message with random byte flips, truncation, insertions or a random tail.</summary>
    private static Gen<byte[]> Mutated(byte[][] seeds) =>
        from seed in Gen.Elements(seeds)
        from edits in Gen.Choose(1, 6)
        from random in Gen.Choose(0, int.MaxValue)
        select Mutate(seed, edits, new Random(random));

    private static byte[] Mutate(byte[] seed, int edits, Random random)
    {
        var bytes = new List<byte>(seed);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                case 3: bytes.Insert(at, (byte)random.Next(256)); break;
                default: bytes[at] = new byte[] { 0x00, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xFF, 0x7E }[random.Next(8)]; break;
            }
        }

        return bytes.ToArray();
    }

    private static readonly Gen<byte[]> Noise = Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i));

    private static bool OnlyCodecErrors(Action decode)
    {
        try
        {
            decode();
            return true;
        }
        catch (DlmsException)
        {
            return true;
        }
    }

    /// <summary>Allocation of one decode: at most 160 bytes per input byte plus a fixed 2 KB.</summary>
    private static bool WithinAllocationBound(byte[] input, Action decode)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        OnlyCodecErrors(decode);
        long used = GC.GetAllocatedBytesForCurrentThread() - before;
        return used <= 160L * input.Length + 2048;
    }

    [Fact]
    public void ApduDecoderRaisesOnlyItsOwnErrorOnNoiseAndMutations()
    {
        Check.One(Many, Prop.ForAll(Arb.From(Noise), b => OnlyCodecErrors(() => ApduCodec.Decode(b, 0, b.Length))));
        Check.One(Many, Prop.ForAll(Arb.From(Mutated(Apdus)), b => OnlyCodecErrors(() => ApduCodec.Decode(b, 0, b.Length))));
    }

    [Fact]
    public void DataDecoderRaisesOnlyItsOwnErrorAndStaysWithinItsAllocationBound()
    {
        Check.One(Many, Prop.ForAll(Arb.From(Noise), b => WithinAllocationBound(b, () => new AxdrReader(b).ReadData())));
        Check.One(Many, Prop.ForAll(Arb.From(Mutated(Apdus)), b => WithinAllocationBound(b, () => ApduCodec.Decode(b, 0, b.Length))));
    }

    [Fact]
    public void FrameReaderNeverThrowsAndOnlyPassesFramesWithGoodChecksums()
    {
        var reader = new HdlcFrameReader(0);
        var frame = new HdlcFrame();
        Check.One(Many, Prop.ForAll(Arb.From(Gen.OneOf(Noise, Mutated(Frames))), b =>
        {
            reader.Clear();
            reader.Append(b, 0, b.Length);
            while (reader.TryRead(frame))
            {
                if (frame.Valid && !Crc16.Check(frame.Buffer, frame.FrameOffset + 1, frame.FrameLength - 4))
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void ScanningDecodesWithoutAllocating()
    {
        var frame = new HdlcFrame();
        var reader = new HdlcFrameReader(0);
        var input = Frames[1];
        reader.Append(input, 0, input.Length);
        Assert.True(reader.TryRead(frame)); // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            reader.Append(input, 0, input.Length);
            Assert.True(reader.TryRead(frame));
            Assert.True(frame.Valid);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static readonly Gen<DataValue> Values = ValueGen(3);

    private static Gen<DataValue> ValueGen(int depth)
    {
        var scalars = Gen.OneOf(
            Gen.Constant(DataValue.Null),
            Gen.Elements(true, false).Select(DataValue.FromBoolean),
            Gen.Choose(-128, 127).Select(v => DataValue.FromInteger(DataType.Integer, v)),
            Gen.Choose(0, 65535).Select(v => DataValue.FromInteger(DataType.LongUnsigned, v)),
            Gen.Choose(int.MinValue, int.MaxValue).Select(v => DataValue.FromInteger(DataType.DoubleLong, v)),
            Gen.Choose(int.MinValue, int.MaxValue).Select(v => DataValue.FromInteger(DataType.DoubleLongUnsigned, (uint)v)),
            Gen.Choose(int.MinValue, int.MaxValue).Select(v => DataValue.FromInteger(DataType.Long64, (long)v * 7919)),
            Gen.Choose(int.MinValue, int.MaxValue).Select(v => DataValue.FromUInt64((ulong)(uint)v << 31)),
            Gen.Choose(0, 255).Select(v => DataValue.FromInteger(DataType.Enum, v)),
            Gen.Choose(-100000, 100000).Select(v => DataValue.FromFloat32(v / 8f)),
            Gen.Choose(-100000, 100000).Select(v => DataValue.FromFloat64(v / 3.0)),
            Noise.Select(b => DataValue.FromBytes(DataType.OctetString, b)),
            Gen.Choose(0, 300).Select(n => DataValue.FromString(new string('x', n))),
            Gen.Choose(0, 40).Select(bits => DataValue.FromBitString(new byte[(bits + 7) / 8], bits)));
        if (depth == 0)
        {
            return scalars;
        }

        var children = Gen.ArrayOf(ValueGen(depth - 1)).Select(items => items.Take(6).ToArray());
        return Gen.OneOf(scalars, scalars, children.Select(DataValue.FromArray), children.Select(DataValue.FromStructure));
    }

    [Fact]
    public void EveryEncodableValueRoundTripsAndItsSizeIsPredicted()
    {
        var buffer = new byte[1 << 16];
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Arb.From(Values), v =>
        {
            var w = new AxdrWriter(buffer);
            w.WriteData(v);
            var r = new AxdrReader(buffer, 0, w.Position);
            return r.ReadData().Equals(v) && r.Remaining == 0 && AxdrWriter.EncodedSize(v) == w.Position;
        }));
    }
}
