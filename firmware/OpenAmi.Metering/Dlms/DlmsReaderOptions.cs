using OpenAmi.Dlms.Client;

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

        /// <summary>
        /// The link is an IEC 62056-21 optical head: every association starts with the mode E sign-on (300 Bd
        /// 7E1, then HDLC at the negotiated speed) and the meter is addressed with a 1-byte server address,
        /// whatever medium the meter's profile names (a meter with an RS-485 port usually has an optical port too).
        /// </summary>
        public bool OpticalHead { get; set; }

        /// <summary>
        /// The link is a TCP connection to a meter's IP port: APDUs travel in the IEC 62056-47 wrapper instead of
        /// HDLC; the client's wPort is the profile's client SAP and the meter's wPort is its configured address.
        /// </summary>
        public bool Wrapper { get; set; }

        /// <summary>
        /// The request and answer buffers, shared with the readers of the other buses on the same UART (their
        /// transactions never overlap); null: the reader's own set, which its meters share (one association at a time).
        /// </summary>
        public DlmsPduBuffers PduBuffers { get; set; }

        /// <summary>Where the client invocation counters of ciphered/HLS meters persist; null = from 0 at every start.</summary>
        public IInvocationCounterStore InvocationCounters { get; set; }
    }
}
