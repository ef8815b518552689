using OpenAmi.Safety.Dsp;

namespace OpenAmi.Safety.Board
{
    /// <summary>
    /// The pole board's residual-current front end, the one place its calibration comes from: the supervisor's defaults
    /// (<see cref="Supervision.SafetySettings"/>), the ESP32 ADC adapter and the emulator's simulated tenant line all read
    /// it. Chain: residual current → CDSR 0.07 → difference amplifier (AMP = VMID + 24 mV/mA) → 1 k / 10 nF → ESP32 ADC1.
    /// Every number names its source; hardware numbers marked UNVERIFIED in hardware/README.md stay unverified here.
    /// </summary>
    public static class PoleBoardRcm
    {
        /// <summary>Gain at AMP: sensor G × amplifier gain 3 = 24 mV/mA, the design invariant (hardware/README.md, "Sensor").</summary>
        public const double AmpMillivoltsPerMa = 24.0;

        /// <summary>AMP at zero residual current: VMID, the ladder's buffered mid-point (hardware/README.md, "Amplifier").</summary>
        public const double VmidMillivolts = 1500.0;

        /// <summary>OPA2333 output swing on 3.3 V: 20 mV from either rail (hardware/openami-pole-gateway/sim/openami-trip.lib, OPA_CH).</summary>
        public const double AmpLowMillivolts = 20.0;

        public const double AmpHighMillivolts = 3280.0;

        /// <summary>
        /// nanoFramework opens every ESP32 ADC1 channel at 12 bits (raw 0…4095) and 11 dB attenuation (renamed DB_12 in
        /// newer ESP-IDF, same setting): nanoframework/nf-interpreter, targets/ESP32/_nanoCLR/System.Device.Adc/
        /// sys_dev_adc_native_System_Device_Adc_AdcController.cpp (NativeOpenChannel, NativeGetMaxValue).
        /// </summary>
        public const int AdcMaxCounts = 4095;

        /// <summary>
        /// Raw count → input voltage at 11 dB: ESP-IDF's linear characterisation for ADC1 with the default reference of
        /// 1100 mV (components/esp_adc_cal/esp_adc_cal_esp32.c: coeff_a = Vref × adc1_vref_atten_scale[3] / 4096 with
        /// scale 196602/65536, coeff_b = adc1_vref_atten_offset[3] = 142 mV). A chip's real Vref lies between 1000 and
        /// 1200 mV (ESP-IDF ADC guide, "reference voltage"), i.e. up to ±9 % gain until a bench calibration replaces it.
        /// </summary>
        public const double AdcMillivoltsPerCount = 1100.0 * 196602 / 65536 / 4096;

        public const double AdcZeroMillivolts = 142.0;

        /// <summary>The ADC's accurate input range at 11 dB: 150 mV – 2450 mV (ESP-IDF v4.4 ADC guide, "ADC Attenuation").</summary>
        public const double AdcUsableLowMillivolts = 150.0;

        public const double AdcUsableHighMillivolts = 2450.0;

        /// <summary>
        /// Equivalent residual current of the test input (RCM_TEST high through R#01 1 k into the sensor's TEST pin): 30 mA
        /// smooth DC, the value the schematic's sensor model injects (hardware/openami-pole-gateway/sim/run_trip_sim.py,
        /// cdsr_itest). UNVERIFIED against the LEM datasheet (hardware/README.md, "To verify": test-winding drive).
        /// </summary>
        public const double TestCurrentMa = 30.0;

        /// <summary>
        /// DC current of the independent test loop (one primary turn through the sensor window per direction): 1.500 V
        /// across a 100.0 Ω 0.1 % resistor in a precision sink, the 1.500 V divided from a REF3333 by 0.1 % resistors;
        /// 15.00 mA ±0.9 % over −40…+85 °C (docs/safety.md, "Measured self-test"). Known from the board's own
        /// parts, unlike the sensor winding's <see cref="TestCurrentMa"/>.
        /// </summary>
        public const double TestLoopMa = 15.0;

        /// <summary>Test-loop tolerance (fraction): the worst-case sum of its parts' tolerances and drifts.</summary>
        public const double TestLoopTolerance = 0.009;

        /// <summary>The sensor sensitivity the amplifier is scaled for (CDSR 0.07, UNVERIFIED): AMP gain / amplifier gain 3.</summary>
        public const double DesignSensorMvPerMa = AmpMillivoltsPerMa / 3;

        /// <summary>
        /// The sensitivity window inside which the hardware trip path meets every required trip within 40 ms and never
        /// trips at 0.5×, in every tolerance corner (ngspice sweep, docs/hardware/trip-path-sensitivity.md).
        /// </summary>
        public const double SimulatedWindowLowMvPerMa = 7.05;

        public const double SimulatedWindowHighMvPerMa = 9.5;

        /// <summary>
        /// The self-test accepts a measured end-to-end gain (relative to <see cref="DesignSensorMvPerMa"/>) only inside this
        /// window: the simulated window shrunk by the test loop's tolerance, so that any accepted line lies inside the
        /// simulated window whatever the loop's true current (docs/safety.md, "Measured self-test").
        /// </summary>
        public const double GainLowRatio = SimulatedWindowLowMvPerMa * (1 + TestLoopTolerance) / DesignSensorMvPerMa;

        public const double GainHighRatio = SimulatedWindowHighMvPerMa * (1 - TestLoopTolerance) / DesignSensorMvPerMa;

        /// <summary>
        /// Firmware high-set for this front end: at or below the positive clip (+39.6 mA at the nominal offset), so a real
        /// high current is seen as over-range rather than never reaching the threshold. The hardware high-set (49.9 mA)
        /// lies beyond the ADC's usable range; samples on a rail count towards the high-set whatever their value.
        /// </summary>
        public const double HighSetMa = 39.0;

        /// <summary>0.0336 mA per count.</summary>
        public static double MilliampsPerCount => AdcMillivoltsPerCount / AmpMillivoltsPerMa;

        /// <summary>VMID in counts (≈ 1685.6); auto-zero replaces it with the measured offset.</summary>
        public static double OffsetCounts => (VmidMillivolts - AdcZeroMillivolts) / AdcMillivoltsPerCount;

        /// <summary>Lowest count inside the usable range (10 counts ≈ −56.2 mA); at or below it a sample is over-range.</summary>
        public static int UsableLowCounts
        {
            get
            {
                double counts = (AdcUsableLowMillivolts - AdcZeroMillivolts) / AdcMillivoltsPerCount;
                int whole = (int)counts;
                return whole < counts ? whole + 1 : whole;
            }
        }

        /// <summary>Highest count inside the usable range (2864 counts ≈ +39.6 mA); at or above it a sample is over-range.</summary>
        public static int UsableHighCounts => (int)((AdcUsableHighMillivolts - AdcZeroMillivolts) / AdcMillivoltsPerCount);

        /// <summary>The datasheet calibration (nominal offset); auto-zero replaces the offset with the measured one.</summary>
        public static Calibration NominalCalibration => new Calibration(OffsetCounts, MilliampsPerCount);

        /// <summary>
        /// The ideal converter reading (before rounding) for a current at the sensor, with the amplifier's output swing and
        /// the converter's 0…4095 code range applied. Beyond the usable range the real ADC is non-linear; firmware treats
        /// any reading there as over-range, so the linear extension here is only ever read as "at least the rail".
        /// </summary>
        public static double CountsAt(double milliamps)
        {
            double amp = VmidMillivolts + AmpMillivoltsPerMa * milliamps;
            amp = amp < AmpLowMillivolts ? AmpLowMillivolts : amp > AmpHighMillivolts ? AmpHighMillivolts : amp;
            double counts = (amp - AdcZeroMillivolts) / AdcMillivoltsPerCount;
            return counts < 0 ? 0 : counts > AdcMaxCounts ? AdcMaxCounts : counts;
        }
    }
}
