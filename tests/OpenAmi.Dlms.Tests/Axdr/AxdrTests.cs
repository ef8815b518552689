using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Tests.Support;
using OpenAmi.TestVectors;

namespace OpenAmi.Dlms.Tests.Axdr;

/// <summary>
/// A-XDR encodings hand-computed from the Data type table of IEC 62056-6-2 / Green Book (tag byte, then the
/// value big-endian; variable-length types with an A-XDR length) unless another source is cited.
/// </summary>
public class AxdrTests
{
    private static DataValue Decode(string hex)
    {
        var bytes = Hex.Bytes(hex);
        var reader = new AxdrReader(bytes);
        var value = reader.ReadData();
        Assert.Equal(0, reader.Remaining);
        return value;
    }

    private static string Encode(DataValue value)
    {
        var buffer = new byte[256];
        var w = new AxdrWriter(buffer);
        w.WriteData(value);
        return Hex.Of(buffer, 0, w.Position);
    }

    /// <summary>The scalars of tests/vectors/DlmsVectors.cs (sources cited there), shared with the board tests.</summary>
    public static TheoryData<string, DataType, string> Scalars()
    {
        var data = new TheoryData<string, DataType, string>();
        foreach (var scalar in DlmsVectors.Scalars)
        {
            data.Add(scalar.Hex, scalar.Type, scalar.Text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scalars))]
    public void ScalarsDecodeAndReencode(string hex, DataType type, string expected)
    {
        var value = Decode(hex);
        Assert.Equal(type, value.Type);
        string text = type switch
        {
            DataType.NullData => "",
            DataType.Boolean => value.AsBoolean().ToString(),
            DataType.Long64Unsigned => value.AsUInt64().ToString(),
            DataType.Float32 or DataType.Float64 => value.AsDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => value.AsInt64().ToString(),
        };
        Assert.Equal(expected, text);
        Assert.Equal(hex, Encode(value));
    }

    [Fact]
    public void StringsBitStringsAndDateTypes()
    {
        Assert.Equal("ABC", Decode("0A03414243").AsString());
        Assert.Equal("é", Decode("0C02C3A9").AsString());
        Assert.Equal("0102", Hex.Of(Decode("09020102").AsBytes()));
        var bits = Decode("040A C0 40");
        Assert.Equal(10, bits.BitCount);
        Assert.Equal("C040", Hex.Of(bits.AsBytes()));
        Assert.Equal(DataType.DateTime, Decode("19 07E5 01 18 FF 0E 30 39 50 FF C4 00").Type);
        Assert.Equal(DataType.Date, Decode("1A 07E5 01 18 FF").Type);
        Assert.Equal(DataType.Time, Decode("1B 0E 30 39 50").Type);
        foreach (var hex in new[] { "0A03414243", "09020102", "040AC040", "1907E50118FF0E303950FFC400", "1A07E50118FF", "1B0E303950" })
        {
            Assert.Equal(hex, Encode(Decode(hex)));
        }
    }

    [Fact]
    public void NonMinimalLongLengthFormsAreAccepted()
    {
        Assert.Equal("010203", Hex.Of(Decode("09 81 03 010203").AsBytes()));
        Assert.Equal("010203", Hex.Of(Decode("09 82 0003 010203").AsBytes()));
        Assert.Equal(2, Decode("01 84 00000002 1101 1102").Count);
    }

    [Fact]
    public void NestedStructuresDecode()
    {
        // A register scaler_unit {integer -1, enum Wh(30)} inside an array.
        var v = Decode("01 01 02 02 0F FF 16 1E");
        Assert.Equal(DataType.Array, v.Type);
        Assert.Equal(-1, v[0][0].AsInt64());
        Assert.Equal(30, v[0][1].AsInt64());
        Assert.Equal("010102020FFF161E", Encode(v));
    }

    [Fact]
    public void CompactArrayOfScalarsAndOfStructures()
    {
        // Green Book §4.1.6 compact-array: contents-description then array-contents as an octet string.
        var scalars = Decode("13 12 06 0001 0002 0003");
        Assert.Equal(DataType.CompactArray, scalars.Type);
        Assert.Equal(new long[] { 1, 2, 3 }, Enumerable.Range(0, 3).Select(i => scalars[i].AsInt64()));
        var structs = Decode("13 02 02 12 11 06 0001 05 0002 06");
        Assert.Equal(2, structs.Count);
        Assert.Equal(5, structs[0][1].AsInt64());
        Assert.Equal(2, structs[1][0].AsInt64());
    }

    [Theory]
    [InlineData("")]            // nothing
    [InlineData("06 0000")]     // truncated double-long-unsigned
    [InlineData("09 05 0102")]  // octet string shorter than declared
    [InlineData("08")]          // tag 8 does not exist
    [InlineData("09 85 0000000001 00")] // 5-byte length form
    [InlineData("13 12 03 000100")]     // compact-array contents not a whole number of elements
    public void MalformedInputRaisesTheCodecError(string hex)
    {
        var bytes = Hex.Bytes(hex);
        var e = Assert.ThrowsAny<DlmsException>(() => new AxdrReader(bytes).ReadData());
        Assert.True(e.Code is DlmsErrorCode.Malformed or DlmsErrorCode.LimitExceeded, e.Code.ToString());
    }

    [Fact]
    public void DeclaredCountsCannotExceedThePresentBytes()
    {
        // An array claiming 16 million elements in a 7-byte message must fail before allocating.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DlmsException>(() => new AxdrReader(Hex.Bytes("01 83 FFFFFF 1101 1102")).ReadData());
        Assert.Equal(DlmsErrorCode.LimitExceeded, e.Code);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Fact]
    public void DepthAndValueCountAreLimited()
    {
        var deep = string.Concat(Enumerable.Repeat("0101", 40)) + "00";
        Assert.Equal(DlmsErrorCode.LimitExceeded, Assert.Throws<DlmsException>(() => new AxdrReader(Hex.Bytes(deep)).ReadData()).Code);
        var wide = "01 82 0100" + string.Concat(Enumerable.Repeat("00", 256));
        var reader = new AxdrReader(Hex.Bytes(wide)) { Limits = new AxdrLimits { MaxValues = 100 } };
        Assert.Equal(DlmsErrorCode.LimitExceeded, Assert.Throws<DlmsException>(() => reader.ReadData()).Code);
    }

    private static long AllocatedBy(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void NestedCompactArraysOfEmptyElementsAreRefusedBeforeTheyGrow()
    {
        // Issue 18 D11 reproducer shape: a compact-array whose element is structure { array[20] of array[20] of
        // null-data, unsigned }: one content byte stood for 422 values, 200 KB from a few dozen bytes.
        var bytes = Hex.Bytes("13 02 02 01 0014 01 0014 00 11 14" + string.Concat(Enumerable.Repeat("01", 20)));
        DlmsException? error = null;
        long allocated = AllocatedBy(() => error = Assert.Throws<DlmsException>(() => new AxdrReader(bytes).ReadData()));
        Assert.Equal(DlmsErrorCode.Malformed, error!.Code);
        Assert.Contains("compact-array element of zero size", error.Message);
        Assert.True(allocated < 16 * 1024, "allocated " + allocated + " bytes");
    }

    [Fact]
    public void DenseDataWithinTheAllowanceDecodesAndAllocatesNoMoreThanItWasGranted()
    {
        // 1,000 structures { unsigned, null-data, enum } (7 bytes each, hand-built from the tag table).
        var hex = "01 82 03E8" + string.Concat(Enumerable.Repeat("02 03 11 07 00 16 02", 1000));
        var bytes = Hex.Bytes(hex);
        DataValue? value = null;
        long allocated = AllocatedBy(() => value = new AxdrReader(bytes).ReadData());
        Assert.Equal(1000, value!.Count);
        Assert.Equal(2, value[999][2].AsInt64());
        Assert.True(allocated <= (long)new AxdrLimits().BytesPerInputByte * bytes.Length, "allocated " + allocated + " bytes for " + bytes.Length);
    }

    [Fact]
    public void ValuesCostingMoreHeapThanTheInputAllowsAreRefused()
    {
        // 2,000 dont-care values (tag 0xFF, no contents): one byte each, but one object each.
        var bytes = Hex.Bytes("01 82 07D0" + string.Concat(Enumerable.Repeat("FF", 2000)));
        DlmsException? error = null;
        long allocated = AllocatedBy(() => error = Assert.Throws<DlmsException>(() => new AxdrReader(bytes).ReadData()));
        Assert.Equal(DlmsErrorCode.LimitExceeded, error!.Code);
        // What was granted, plus the exception and its message.
        Assert.True(allocated <= ((long)new AxdrLimits().BytesPerInputByte * bytes.Length) + 4096, "allocated " + allocated + " bytes");
    }
}
