using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Metering.Vmrs
{
    /// <summary>From a meter's COSEM unit (<see cref="Units"/>) and scaler to the VMRS unit.</summary>
    public static class UnitCodes
    {
        /// <summary>Not a COSEM code: the value is already in the VMRS unit (data objects without scaler_unit).</summary>
        public const int AlreadyVmrs = -1;

        /// <summary>
        /// Factor from the meter's unit to the VMRS unit, or 0 when they measure different quantities
        /// (a profile that maps a VA register onto active power is caught here, not published).
        /// </summary>
        public static double FactorToVmrs(int meterUnit, string vmrsUnit)
        {
            if (meterUnit == AlreadyVmrs)
            {
                return 1;
            }

            switch (vmrsUnit)
            {
                case "kWh": return meterUnit == Units.WattHour ? 0.001 : 0;
                case "W": return meterUnit == Units.Watt ? 1 : 0;
                case "V": return meterUnit == Units.Volt ? 1 : 0;
                case "Hz": return meterUnit == Units.Hertz ? 1 : 0;
                default: return 1;
            }
        }

        /// <summary>
        /// <see cref="FactorToVmrs"/> as a power of ten (kWh from Wh: −3), so the scaler and the unit are applied in
        /// one step: a float32 register of kWh with scaler 3 and unit Wh comes out unchanged, not × 1000 × 0.001.
        /// </summary>
        public static int ExponentToVmrs(int meterUnit, string vmrsUnit) =>
            vmrsUnit == "kWh" && meterUnit == Units.WattHour ? -3 : 0;

        /// <summary>raw × 10^scaler, dividing for negative scalers so 2301 × 10^-1 is exactly the double nearest 230.1.</summary>
        public static double Scale(double raw, int scaler)
        {
            double result = raw;
            if (scaler >= 0)
            {
                for (int i = 0; i < scaler; i++)
                {
                    result *= 10;
                }

                return result;
            }

            double divisor = 1;
            for (int i = 0; i < -scaler; i++)
            {
                divisor *= 10;
            }

            return result / divisor;
        }
    }
}
