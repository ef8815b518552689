using OpenAmi.Safety.Board;
using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Safety.Tests.Board;

/// <summary>
/// The board's front-end calibration against hand computation from its sources: 24 mV/mA around VMID 1.500 V
/// (hardware/README.md, "The hardware trip path"); ESP32 ADC1 at 11 dB with ESP-IDF's linear characterisation for the
/// default 1100 mV reference, mV = raw × 1100 × 196602 / 65536 / 4096 + 142 (esp_adc_cal_esp32.c,
/// adc1_vref_atten_scale[3] / adc1_vref_atten_offset[3]); accurate range 150–2450 mV (ESP-IDF v4.4 ADC guide,
/// https://docs.espressif.com/projects/esp-idf/en/v4.4.7/api-reference/peripherals/adc.html, "ADC Attenuation").
/// </summary>
public class PoleBoardRcmTests
{
    [Fact]
    public void CalibrationFollowsTheAmplifierGainAndTheAdcCharacterisation()
    {
        // 1100 × 196602 / 65536 / 4096 = 0.805639 mV per count; / 24 mV/mA = 0.0335683 mA per count.
        Assert.Equal(0.805639, PoleBoardRcm.AdcMillivoltsPerCount, 1e-6);
        Assert.Equal(0.0335683, PoleBoardRcm.MilliampsPerCount, 1e-7);
        // VMID: (1500 − 142) / 0.805639 = 1685.62 counts.
        Assert.Equal(1685.62, PoleBoardRcm.OffsetCounts, 0.01);
        // (150 − 142) / 0.805639 = 9.93 → first count inside: 10; (2450 − 142) / 0.805639 = 2864.8 → last inside: 2864.
        Assert.Equal(10, PoleBoardRcm.UsableLowCounts);
        Assert.Equal(2864, PoleBoardRcm.UsableHighCounts);
        // Usable range in mA: (10 − 1685.62) × 0.0335683 = −56.25 mA, (2864 − 1685.62) × 0.0335683 = +39.56 mA.
        var nominal = PoleBoardRcm.NominalCalibration;
        Assert.Equal(-56.25, nominal.ToMilliamps(PoleBoardRcm.UsableLowCounts), 0.01);
        Assert.Equal(39.56, nominal.ToMilliamps(PoleBoardRcm.UsableHighCounts), 0.01);
    }

    [Fact]
    public void TheFirmwareHighSetAndTheTestCurrentLieInsideTheUsableRange()
    {
        var nominal = PoleBoardRcm.NominalCalibration;
        Assert.True(PoleBoardRcm.HighSetMa <= nominal.ToMilliamps(PoleBoardRcm.UsableHighCounts));
        Assert.True(PoleBoardRcm.HighSetMa <= -nominal.ToMilliamps(PoleBoardRcm.UsableLowCounts));
        // 30 mA + 20 % self-test tolerance = 36 mA < 39.56 mA: a healthy test never reads over-range.
        Assert.True(PoleBoardRcm.TestCurrentMa * 1.2 < nominal.ToMilliamps(PoleBoardRcm.UsableHighCounts));
        var defaults = new SafetySettings();
        defaults.Validate();
        Assert.Equal(PoleBoardRcm.HighSetMa, defaults.Detector.HighSetMa);
        Assert.Equal(PoleBoardRcm.TestCurrentMa, defaults.SelfTestExpectedMa);
        Assert.Equal(PoleBoardRcm.UsableHighCounts, defaults.RailHighCounts);
        Assert.Equal(PoleBoardRcm.OffsetCounts, defaults.NominalCalibration.OffsetCounts);
    }

    [Fact]
    public void AHighSetBeyondTheConvertersReachIsRejected()
    {
        // The old default, 100 mA on the ±150 mA scale, could never be reached through this front end.
        var unreachable = new SafetySettings { Detector = new DetectorSettings { HighSetMa = 100 } };
        Assert.Throws<ArgumentException>(unreachable.Validate);
        var testTooLarge = new SafetySettings { SelfTestExpectedMa = 35 }; // 35 × 1.2 = 42 mA, beyond +39.56 mA
        Assert.Throws<ArgumentException>(testTooLarge.Validate);
    }

    [Fact]
    public void TheIdealReadingFollowsTheChainAndClipsAtTheAmplifierSwingAndTheCodeRange()
    {
        // 4 mA: 1685.62 + 4 / 0.0335683 = 1804.78 counts.
        Assert.Equal(1804.78, PoleBoardRcm.CountsAt(4), 0.01);
        // A sensor stuck high: AMP at its 3280 mV swing → (3280 − 142) / 0.805639 = 3895.04 counts, beyond the usable range.
        Assert.Equal(3895.04, PoleBoardRcm.CountsAt(200), 0.01);
        // AMP at its 20 mV floor is below the converter's 142 mV zero: code 0.
        Assert.Equal(0, PoleBoardRcm.CountsAt(-200));
    }
}
