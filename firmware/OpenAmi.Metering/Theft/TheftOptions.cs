namespace OpenAmi.Metering.Theft
{
    /// <summary>Thresholds for the theft and loss checks; defaults are a starting point for a pilot feeder.</summary>
    public sealed class TheftOptions
    {
        /// <summary>Technical losses (lines, meters' own consumption) expected between head and customers, percent.</summary>
        public double LossAllowancePercent { get; set; } = 8;

        /// <summary>Below this much head-meter energy in a window the percentage is noise: no verdict.</summary>
        public double MinimumHeadKWh { get; set; } = 0.5;

        /// <summary>A customer who used at least this much last window and nothing now, with voltage present, is flagged.</summary>
        public double ZeroConsumptionBaselineKWh { get; set; } = 0.2;

        /// <summary>Consumption at or below this counts as zero (one register step).</summary>
        public double ZeroKWh { get; set; } = 0.01;

        /// <summary>Voltage at or above which the supply counts as present.</summary>
        public double VoltagePresentV { get; set; } = 100;

        /// <summary>Export (kWh) or negative power (W) an import-only meter may show before it is reverse energy.</summary>
        public double ReverseEnergyKWh { get; set; } = 0.01;

        public double ReversePowerW { get; set; } = 10;
    }
}
