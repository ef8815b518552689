using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.ClockSync;

namespace OpenAmi.Metering.Tests.ClockSync;

/// <summary>
/// The date-time deviation is "minutes of local time to UTC" (DLMS UA Blue Book §4.1.6.1): UTC = local + deviation.
/// </summary>
public class DeviationConventionTests
{
    /// <summary>
    /// Published field capture: a Kaifa MA309 meter in Austria (CEST, UTC+2) at 2024-06-15 20:23:45 local sent
    /// 07E8 06 0F 06 14 17 2D 00 FF88 80 — deviation 0xFF88 = −120, status 0x80 (daylight saving active).
    /// Source: https://github.com/UtilitechAS/amsreader-firmware/issues/809 (frame and wall-clock time in the report).
    /// </summary>
    private static readonly byte[] KaifaCest = Convert.FromHexString("07E8060F0614172D00FF8880");

    [Fact]
    public void A_CEST_meter_sending_minus_120_is_two_hours_ahead_of_UTC()
    {
        var time = CosemDateTime.Parse(KaifaCest);
        Assert.Equal(-120, time.Deviation);

        Assert.True(MeterTime.TryToUtc(time, invertedSign: false, out var utc));

        Assert.Equal(new DateTime(2024, 6, 15, 18, 23, 45), utc);
        Assert.False(MeterTime.ClockInvalid(time));
    }

    [Fact]
    public void The_inverted_switch_reads_a_meter_that_writes_UTC_to_local_and_leaves_the_value_untouched()
    {
        // The same instant from a meter built to a companion specification that sends +120 for UTC+2.
        var bytes = (byte[])KaifaCest.Clone();
        bytes[9] = 0x00;
        bytes[10] = 0x78;
        var time = CosemDateTime.Parse(bytes);

        Assert.True(MeterTime.TryToUtc(time, invertedSign: true, out var utc));

        Assert.Equal(new DateTime(2024, 6, 15, 18, 23, 45), utc);
        Assert.Equal(120, time.Deviation);
    }

    [Fact]
    public void Setting_the_clock_writes_local_time_under_the_meters_own_deviation()
    {
        var time = MeterTime.FromUtc(new DateTime(2024, 6, 15, 18, 23, 45), -120, 0x80, invertedSign: false);

        Assert.Equal(KaifaCest, time.ToBytes());
    }
}
