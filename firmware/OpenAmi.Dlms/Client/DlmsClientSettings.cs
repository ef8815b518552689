using OpenAmi.Dlms.Hdlc;
using OpenAmi.Dlms.Link;

namespace OpenAmi.Dlms.Client
{
    /// <summary>How the client authenticates the association (AARQ mechanism-name).</summary>
    public enum AuthenticationLevel
    {
        None = 0,
        /// <summary>LLS: the password travels in the AARQ.</summary>
        Low = 1,
        /// <summary>HLS mechanism 5: challenge/response with GMAC (needs the keys and system title).</summary>
        HighGmac = 5,
    }

    /// <summary>Which ciphered APDU form protects xDLMS requests when a security policy is set.</summary>
    public enum CipheringMode
    {
        /// <summary>Service-specific glo- APDUs with the global unicast encryption key.</summary>
        Global = 0,
        /// <summary>Service-specific ded- APDUs with a fresh dedicated key sent in the InitiateRequest.</summary>
        Dedicated = 1,
        /// <summary>general-glo-ciphering, which also carries the sender's system title.</summary>
        GeneralGlobal = 2,
    }

    /// <summary>How APDUs reach the meter.</summary>
    public enum DlmsTransport
    {
        /// <summary>HDLC (IEC 62056-46) on RS-485, an optical head or a TCP serial server.</summary>
        Hdlc = 0,
        /// <summary>The IEC 62056-47 wrapper on a TCP connection (meters with an IP link, port 4059).</summary>
        Wrapper = 1,
    }

    /// <summary>Everything a <see cref="DlmsClient"/> needs to reach and open one meter.</summary>
    public sealed class DlmsClientSettings
    {
        public DlmsTransport Transport { get; set; } = DlmsTransport.Hdlc;
        public HdlcSettings Hdlc { get; set; } = new HdlcSettings();
        /// <summary>wPorts and timing when <see cref="Transport"/> is the wrapper.</summary>
        public WrapperSettings Wrapper { get; set; } = new WrapperSettings();
        /// <summary>Start with the IEC 62056-21 mode E sign-on (optical head) before HDLC.</summary>
        public bool OpticalSignOn { get; set; }
        /// <summary>Device address sent in "/?…!" (null for any meter).</summary>
        public string DeviceAddress { get; set; }
        /// <summary>Cap on the baud rate accepted in the mode E switch (0 = as offered).</summary>
        public int MaxOpticalBaud { get; set; }
        public AuthenticationLevel Authentication { get; set; } = AuthenticationLevel.None;
        /// <summary>LLS password bytes.</summary>
        public byte[] Password { get; set; }
        /// <summary>0 (none), 0x10 (authenticated), 0x20 (encrypted) or 0x30 (both) for every xDLMS APDU.</summary>
        public byte SecurityPolicy { get; set; }
        public CipheringMode Ciphering { get; set; } = CipheringMode.Global;
        /// <summary>Client system title (8 bytes), needed for ciphering and HLS.</summary>
        public byte[] SystemTitle { get; set; }
        /// <summary>Global unicast encryption key EK (16 bytes).</summary>
        public byte[] BlockCipherKey { get; set; }
        /// <summary>Authentication key AK (16 bytes).</summary>
        public byte[] AuthenticationKey { get; set; }
        /// <summary>Next invocation counter to use; read it back after a session and persist it.</summary>
        public uint InvocationCounter { get; set; }
        public uint ProposedConformance { get; set; } = Apdu.ConformanceBits.ClientDefault;
        /// <summary>client-max-receive-pdu-size announced in the AARQ (also sizes the receive buffers).</summary>
        public int MaxReceivePduSize { get; set; } = 1200;
        /// <summary>Largest value reassembled from GET block transfer.</summary>
        public int MaxBlockTransferBytes { get; set; } = 65536;
        /// <summary>Attributes per GET-with-list request.</summary>
        public int MaxListItems { get; set; } = 10;
        /// <summary>Send RLRQ before DISC on close.</summary>
        public bool SendRelease { get; set; } = true;
        /// <summary>HLS challenge length (8…64 bytes).</summary>
        public int ChallengeLength { get; set; } = 16;
    }
}
