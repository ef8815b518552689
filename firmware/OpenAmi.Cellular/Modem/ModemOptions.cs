namespace OpenAmi.Cellular.Modem
{
    /// <summary>Power-up and network settings of the SIMCom modem.</summary>
    public sealed class ModemOptions
    {
        /// <summary>
        /// PWRKEY low time to switch on. SIM7600 Hardware Design: Ton typically 500 ms (min 100 ms); A7670 needs less.
        /// (verify against the fitted module's hardware design manual before the bench test.)
        /// </summary>
        public int PowerKeyPulseMs { get; set; } = 500;

        /// <summary>How long to wait after PWRKEY for the start-up banner / the first OK (SIM7600 UART ready ≈ 12 s; verify).</summary>
        public int BootTimeoutMs { get; set; } = 30000;

        /// <summary>The APN to set with AT+CGDCONT=1,"IP","apn" (3GPP TS 27.007 section 10.1.1); null leaves the modem's own.</summary>
        public string Apn { get; set; }

        /// <summary>AT+CCLK? answers before this year mean the modem never got network time (its clock starts in the past).</summary>
        public int MinimumValidYear { get; set; } = 2025;
    }
}
