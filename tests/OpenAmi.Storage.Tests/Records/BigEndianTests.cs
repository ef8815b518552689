using System.Buffers.Binary;
using OpenAmi.Storage.Records;

namespace OpenAmi.Storage.Tests.Records;

/// <summary>
/// The flash byte order against .NET's BinaryPrimitives, a second implementation; the hand-written bytes follow
/// from the definition (most significant byte first).
/// </summary>
public class BigEndianTests
{
    [Fact]
    public void Integers_are_written_most_significant_byte_first()
    {
        var b = new byte[14];
        BigEndian.PutUInt16(b, 0, 0x0102);
        BigEndian.PutUInt32(b, 2, 0x03040506);
        BigEndian.PutInt64(b, 6, 0x0708090A0B0C0D0E);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 }, b);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(638_000_000_000_000_000L)]
    public void Values_round_trip_and_match_BinaryPrimitives(long value)
    {
        var ours = new byte[14];
        BigEndian.PutUInt16(ours, 0, (ushort)value);
        BigEndian.PutUInt32(ours, 2, (uint)value);
        BigEndian.PutInt64(ours, 6, value);

        var theirs = new byte[14];
        BinaryPrimitives.WriteUInt16BigEndian(theirs, (ushort)value);
        BinaryPrimitives.WriteUInt32BigEndian(theirs.AsSpan(2), (uint)value);
        BinaryPrimitives.WriteInt64BigEndian(theirs.AsSpan(6), value);
        Assert.Equal(theirs, ours);

        Assert.Equal((ushort)value, BigEndian.GetUInt16(ours, 0));
        Assert.Equal((uint)value, BigEndian.GetUInt32(ours, 2));
        Assert.Equal(value, BigEndian.GetInt64(ours, 6));
    }

    [Fact]
    public void The_legacy_getters_read_little_endian_records()
    {
        // 0x11223344 little-endian is 44 33 22 11; the i64 0x0102030405060708 is 08 07 06 05 04 03 02 01.
        var b = new byte[] { 0x44, 0x33, 0x22, 0x11, 8, 7, 6, 5, 4, 3, 2, 1 };
        Assert.Equal(0x3344, LittleEndian.GetUInt16(b, 0));
        Assert.Equal(0x11223344u, LittleEndian.GetUInt32(b, 0));
        Assert.Equal(0x0102030405060708L, LittleEndian.GetInt64(b, 4));
    }
}
