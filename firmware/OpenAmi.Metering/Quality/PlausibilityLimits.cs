namespace OpenAmi.Metering.Quality
{
    /// <summary>
    /// What a single-phase village supply can physically do. Defaults suit a 230 V, 50 Hz feeder; a
    /// 120 V / 60 Hz site sets its own. Per-meter breaker ratings come from the inventory.
    /// </summary>
    public sealed class PlausibilityLimits
    {
        /// <summary>Below this a line-powered meter cannot be answering at all.</summary>
        public double VoltageMinV { get; set; } = 40;

        /// <summary>Above this the reading is a fault in the meter or the mapping, not the supply.</summary>
        public double VoltageMaxV { get; set; } = 300;

        public double FrequencyMinHz { get; set; } = 45;

        public double FrequencyMaxHz { get; set; } = 65;

        /// <summary>Headroom over breaker × maximum voltage before power or energy growth counts as impossible.</summary>
        public double Margin { get; set; } = 0.1;

        /// <summary>One step of the coarsest energy register we read (0.01 kWh); differences below it are noise.</summary>
        public double EnergyResolutionKWh { get; set; } = 0.01;

        /// <summary>Breaker rating used when the inventory has none for a meter.</summary>
        public double DefaultBreakerA { get; set; } = 63;

        /// <summary>The most power a line behind a breaker of <paramref name="breakerA"/> can draw, in W.</summary>
        public double MaxPowerW(double breakerA) => VoltageMaxV * breakerA * (1 + Margin);
    }
}
