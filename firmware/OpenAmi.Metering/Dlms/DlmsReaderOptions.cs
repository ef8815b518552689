namespace OpenAmi.Metering.Dlms
{
    /// <summary>Gateway-wide settings of the DLMS adapter (per-meter settings come from the vendor profile).</summary>
    public sealed class DlmsReaderOptions
    {
        /// <summary>The gateway's own system title (8 bytes), needed for ciphered and HLS associations.</summary>
        public byte[] SystemTitle { get; set; }

        /// <summary>Time allowed for the first byte of an answer; an absent meter costs (1 + retries) × this.</summary>
        public int ResponseTimeoutMs { get; set; } = 1000;

        /// <summary>HDLC repetitions of an unanswered frame.</summary>
        public int Retries { get; set; } = 1;

        /// <summary>client-max-receive-pdu-size; also sizes the per-meter buffers.</summary>
        public int MaxPduSize { get; set; } = 512;

        /// <summary>Send RLRQ before DISC when leaving a meter (DISC alone also ends the association).</summary>
        public bool SendRelease { get; set; } = true;
    }
}
