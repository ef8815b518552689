using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Tests.Quality;

public class QualityAssessorTests
{
    private readonly QualityAssessor _assessor = new(new PlausibilityLimits());

    [Fact]
    public void Energy_may_grow_by_what_the_breaker_allows()
    {
        // 10 A breaker, 300 V ceiling, 10 % margin: 3.3 kW → 0.825 kWh in 15 min, + 0.01 kWh register step.
        var track = new EnergyTrack();
        Assert.Equal(SuspectReason.None, _assessor.AssessEnergy(track, 100.0, 0, 10));
        Assert.Equal(SuspectReason.None, _assessor.AssessEnergy(track, 100.83, 15 * 60000, 10));
        Assert.Equal(SuspectReason.EnergyJump, _assessor.AssessEnergy(track, 101.70, 30 * 60000, 10));
        Assert.Equal(100.83, track.LastKWh);
    }

    [Fact]
    public void Energy_going_backwards_is_suspect_until_two_readings_agree_on_a_new_baseline()
    {
        var track = new EnergyTrack();
        _assessor.AssessEnergy(track, 500, 0, 20);
        Assert.Equal(SuspectReason.EnergyBackwards, _assessor.AssessEnergy(track, 2.0, 60000, 20));
        Assert.Equal(500, track.LastKWh);
        // The meter was reset: the next reading grows plausibly from 2.0, so 2.0 becomes the baseline.
        Assert.Equal(SuspectReason.None, _assessor.AssessEnergy(track, 2.1, 120000, 20));
        Assert.Equal(2.1, track.LastKWh);
    }

    [Fact]
    public void Register_noise_below_one_step_is_not_backwards()
    {
        var track = new EnergyTrack();
        _assessor.AssessEnergy(track, 10.0, 0, 20);
        Assert.Equal(SuspectReason.None, _assessor.AssessEnergy(track, 9.996, 1000, 20));
    }

    [Theory]
    [InlineData(VmrsQuantity.Voltage, 230.0, SuspectReason.None)]
    [InlineData(VmrsQuantity.Voltage, 12.0, SuspectReason.VoltageOutOfRange)]
    [InlineData(VmrsQuantity.Voltage, 415.0, SuspectReason.VoltageOutOfRange)]
    [InlineData(VmrsQuantity.Frequency, 50.02, SuspectReason.None)]
    [InlineData(VmrsQuantity.Frequency, 0.0, SuspectReason.FrequencyOutOfRange)]
    [InlineData(VmrsQuantity.ActivePower, 3000.0, SuspectReason.None)]
    [InlineData(VmrsQuantity.ActivePower, 9000.0, SuspectReason.PowerOutOfRange)] // > 300 V × 10 A × 1.1
    public void Instant_values_must_be_physically_possible(VmrsQuantity quantity, double value, SuspectReason expected)
    {
        Assert.Equal(expected, _assessor.AssessInstant(quantity, value, 10));
    }
}
