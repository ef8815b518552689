namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>Addresses, proposed link parameters and timing for one HDLC connection.</summary>
    public sealed class HdlcSettings
    {
        public HdlcAddress Client { get; set; } = HdlcAddress.Client(16);
        public HdlcAddress Server { get; set; } = HdlcAddress.Server(1, 17, 2);
        /// <summary>Proposed in SNRM; the meter's UA may lower them.</summary>
        public int MaxInfoTransmit { get; set; } = HdlcParameters.DefaultInfoLength;
        public int MaxInfoReceive { get; set; } = HdlcParameters.DefaultInfoLength;
        public int WindowTransmit { get; set; } = 1;
        public int WindowReceive { get; set; } = 1;
        /// <summary>Send the negotiation field in SNRM (some old meters answer FRMR to it).</summary>
        public bool NegotiateParameters { get; set; } = true;
        /// <summary>Time allowed for the first byte of an answer.</summary>
        public int ResponseTimeoutMs { get; set; } = 2000;
        /// <summary>Silence that ends a frame in progress (IEC 62056-46 inter-character timeout).</summary>
        public int InterFrameTimeoutMs { get; set; } = 200;
        /// <summary>Repetitions of a frame that got no valid answer before giving up.</summary>
        public int Retries { get; set; } = 3;
    }
}
