using System.Buffers.Binary;
using OpenAmi.Safety.Policy;

namespace OpenAmi.Safety.Tests.Policy;

public class AttemptHistoryTests
{
    private const long Day = 86_400;
    private const long Now = 1_767_225_600;

    [Fact]
    public void RoundTripsThroughItsRecord()
    {
        var history = new AttemptHistory { LastOffWasTrip = true };
        history.RecordAttempt(Now - 10);
        history.RecordAttempt(AttemptHistory.UnknownTime);
        history.Lock(RefusalReason.AttemptLimit);
        var copy = AttemptHistory.Deserialise(history.Serialise());
        Assert.True(copy.LockedOut);
        Assert.Equal(RefusalReason.AttemptLimit, copy.LockoutReason);
        Assert.True(copy.LastOffWasTrip);
        Assert.Equal(2, copy.StoredAttempts);
        Assert.False(copy.WasCorrupt);
    }

    [Fact]
    public void NeverSavedIsCleanButEveryMalformedRecordIsLockedOut()
    {
        Assert.False(AttemptHistory.Deserialise(null!).LockedOut);
        var good = new AttemptHistory().Serialise();
        for (int i = 0; i < good.Length; i++)
        {
            var bad = (byte[])good.Clone();
            bad[i] ^= 0x01;
            var read = AttemptHistory.Deserialise(bad);
            Assert.True(read.LockedOut && read.WasCorrupt, $"flipped bit in byte {i} went unnoticed");
        }

        Assert.True(AttemptHistory.Deserialise(good.Take(10).ToArray()).LockedOut);
        Assert.True(AttemptHistory.Deserialise(new byte[good.Length]).LockedOut);
    }

    [Fact]
    public void CountsOnlyRecentAttemptsWhenTheClockIsKnownButEverythingOtherwise()
    {
        var history = new AttemptHistory();
        history.RecordAttempt(Now - Day - 1);     // too old
        history.RecordAttempt(Now - Day + 1);     // inside
        history.RecordAttempt(AttemptHistory.UnknownTime);
        history.RecordAttempt(Now + 3600);        // clock stepped back since: counts
        Assert.Equal(3, history.AttemptsWithin(Day, true, Now));
        Assert.Equal(4, history.AttemptsWithin(Day, false, 0));
        history.Clear();
        Assert.Equal(0, history.AttemptsWithin(Day, false, 0));
    }
    /// <summary>Fletcher-16 as J. G. Fletcher defined it (IEEE Trans. Commun. COM-30, 1982): two byte sums modulo 255.</summary>
    private static int Fletcher16(ReadOnlySpan<byte> data)
    {
        int sum1 = 0, sum2 = 0;
        foreach (byte b in data)
        {
            sum1 = (sum1 + b) % 255;
            sum2 = (sum2 + sum1) % 255;
        }

        return (sum2 << 8) | sum1;
    }

    [Fact]
    public void TheChecksumOfTheseTestsIsFletcher16()
    {
        // Published check values of Fletcher-16 (Wikipedia, "Fletcher's checksum", example calculation).
        Assert.Equal(0xC8F0, Fletcher16("abcde"u8));
        Assert.Equal(0x2057, Fletcher16("abcdef"u8));
    }

    /// <summary>
    /// A record as the firmware before the one flash byte order saved it: version 1, flags (bit 0 locked out, bit 1 last
    /// off was a trip), reason, count, 8 attempt times i64 little-endian, Fletcher-16 big-endian; 70 bytes.
    /// </summary>
    [Fact]
    public void AHistorySavedLittleEndianByThePreviousFirmwareStillLoads()
    {
        var old = new byte[70];
        old[0] = 1;
        old[1] = 0b11;
        old[2] = (byte)RefusalReason.AttemptLimit;
        old[3] = 3;
        BinaryPrimitives.WriteInt64LittleEndian(old.AsSpan(4), Now - Day - 1);
        BinaryPrimitives.WriteInt64LittleEndian(old.AsSpan(12), Now - 10);
        BinaryPrimitives.WriteInt64LittleEndian(old.AsSpan(20), Now - 5);
        BinaryPrimitives.WriteUInt16BigEndian(old.AsSpan(68), (ushort)Fletcher16(old.AsSpan(0, 68)));

        var read = AttemptHistory.Deserialise(old);

        Assert.False(read.WasCorrupt);
        Assert.True(read.LockedOut);
        Assert.True(read.LastOffWasTrip);
        Assert.Equal(RefusalReason.AttemptLimit, read.LockoutReason);
        Assert.Equal(3, read.StoredAttempts);

        // The dates are read as dates: two inside the last day, the oldest outside it.
        Assert.Equal(2, read.AttemptsWithin(Day, true, Now));
    }

    [Fact]
    public void AHistoryIsSavedAsVersion2WithItsAttemptTimesBigEndian()
    {
        var history = new AttemptHistory();
        history.RecordAttempt(0x0102030405060708);

        byte[] data = history.Serialise();

        Assert.Equal(2, data[0]);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, data[4..12]);
        Assert.Equal(Fletcher16(data.AsSpan(0, 68)), BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(68)));
    }
}
