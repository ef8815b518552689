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
}
