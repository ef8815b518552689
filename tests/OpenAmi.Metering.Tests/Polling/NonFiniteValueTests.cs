using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Dlms;
using OpenAmi.Metering.Polling;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Tests.Support;

namespace OpenAmi.Metering.Tests.Polling;

/// <summary>
/// Issue 18, D1: a meter answering NaN or ∞ (IEEE 754 encodings: float64 NaN 7FF8000000000000, float32 NaN
/// 7FC00000, float64 +∞ 7FF0000000000000), or double.MaxValue under a scaler of +3, must not let a non-finite
/// number out of Metering: the reading is suspect (value_not_finite) with the last good value or none, and the
/// other meters on the bus are read exactly as before.
/// </summary>
public class NonFiniteValueTests
{
    [Theory]
    [InlineData("187FF8000000000000")]
    [InlineData("177FC00000")]
    [InlineData("187FF0000000000000")]
    public void The_issue_encodings_decode_to_non_finite_numbers_at_the_port(string axdrHex)
    {
        // The precondition of the tests below: the DLMS port hands such values on as plain numbers.
        var value = new MeterValue();
        var data = new AxdrReader(Convert.FromHexString(axdrHex), 0, axdrHex.Length / 2).ReadData();
        Assert.Equal(ReadStatus.Ok, DlmsValues.ToMeterValue(data, 2, value));
        Assert.False(double.IsFinite(value.Number));
    }

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(double.MaxValue, 3)]
    public void A_non_finite_value_is_suspect_and_the_healthy_meter_is_untouched(double hostile, int scaler)
    {
        var feeder = new Feeder();
        feeder.AddMeter(17, "SER-17", importKWh: 1842.5);
        feeder.AddMeter(18, "SER-18", importKWh: 20);
        feeder.Meters.Number(18, "1-0:1.7.0*255", 2, hostile);
        feeder.Meters.ScalerUnit(18, "1-0:1.7.0*255", scaler, Units.Watt);

        feeder.Scheduler.RunSweep();

        var bad = feeder.ReadingsOf(18, "1.7.0").Single();
        Assert.Equal(ReadingQuality.Suspect, bad.Quality);
        Assert.Equal(SuspectReason.ValueNotFinite, bad.Reason);
        Assert.Equal(ReadingValueKind.None, bad.ValueKind); // no good value yet: nothing to republish
        Assert.Equal(ReadingQuality.Good, feeder.ReadingsOf(18, "1.8.0").Single().Quality);

        Assert.Equal(1200, feeder.ReadingsOf(17, "1.7.0").Single().Number);
        Assert.All(feeder.Sink.Readings.Where(r => r.Meter.Address == 17), r => Assert.Equal(ReadingQuality.Good, r.Quality));
        Assert.Equal(230.1, feeder.ReadingsOf(17, "32.7.0").Single().Number);
        Assert.Equal(1842.5, feeder.ReadingsOf(17, "1.8.0").Single().Number);
        Assert.All(feeder.Sink.Readings, r => Assert.True(r.ValueKind != ReadingValueKind.Number || double.IsFinite(r.Number)));
    }

    [Fact]
    public void After_a_good_value_a_non_finite_one_republishes_it_as_suspect()
    {
        var feeder = new Feeder();
        feeder.AddMeter(18, "SER-18", importKWh: 20, voltage: 231.5);
        feeder.Scheduler.RunSweep();
        feeder.Meters.Number(18, "1-0:32.7.0*255", 2, double.NaN);
        feeder.Clock.NowMs += 60 * PollPlan.Minute;

        feeder.Scheduler.RunSweep();

        var second = feeder.ReadingsOf(18, "32.7.0").Last();
        Assert.Equal((ReadingQuality.Suspect, SuspectReason.ValueNotFinite), (second.Quality, second.Reason));
        Assert.Equal((ReadingValueKind.Number, 231.5), (second.ValueKind, second.Number));
    }
}
