namespace OpenAmi.Prepaid.Ledger
{
    /// <summary>What one unit of token value buys on a line.</summary>
    public enum CreditUnit
    {
        /// <summary>Days divided by <see cref="OpenPaygoDeviceSetup.TimeDivider"/> (OpenPAYGO's "Time Divider").</summary>
        Time = 0,
        /// <summary><see cref="OpenPaygoDeviceSetup.WhPerUnit"/> watt-hours, consumed from the line meter's energy register.</summary>
        Energy = 1,
    }

    /// <summary>Factory parameters of one board-switched line (OpenPAYGO Token "Device Setup parameters").</summary>
    public sealed class OpenPaygoDeviceSetup
    {
        public int Line;
        public byte[] Key;
        public uint StartingCode;
        public int StartingCount = 1;
        public int TimeDivider = 1;
        public bool RestrictedDigits;

        /// <summary>
        /// The line also takes extended codes (12 digits, 20 restricted; a 6-digit value); without it such a code is
        /// malformed, as on a device set up for standard tokens only.
        /// </summary>
        public bool ExtendedTokens;
        public CreditUnit Unit = CreditUnit.Time;
        public long WhPerUnit = 1000;

        /// <summary>Time credit consumed between two saves of the line record while nothing else changes (bounds flash wear).</summary>
        public long SaveEverySeconds = 600;

        /// <summary>Energy credit consumed between two saves.</summary>
        public long SaveEveryWh = 100;
    }
}
