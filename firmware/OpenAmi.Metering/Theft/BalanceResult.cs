namespace OpenAmi.Metering.Theft
{
    /// <summary>The energy balance of one window, whether or not it raised an event.</summary>
    public sealed class BalanceResult
    {
        /// <summary>False when the head or a customer meter had fewer than two good energy readings in the window.</summary>
        public bool Evaluated;

        /// <summary>Meters without usable readings in the window (why there is no verdict).</summary>
        public int MissingMeters;

        public double HeadKWh;
        public double CustomersKWh;
        public double ImbalanceKWh;
        public double ImbalancePercent;
        public bool Imbalanced;
    }
}
