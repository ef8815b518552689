namespace OpenAmi.Dlms.Link
{
    /// <summary>wPorts and timing of one IEC 62056-47 wrapper session.</summary>
    public sealed class WrapperSettings
    {
        /// <summary>The client's wPort (its client SAP: 16 public client, 1 management).</summary>
        public int ClientPort { get; set; } = 16;
        /// <summary>The meter's wPort: its logical device (1 = management logical device).</summary>
        public int ServerPort { get; set; } = 1;
        /// <summary>Time allowed for the first byte of an answer.</summary>
        public int ResponseTimeoutMs { get; set; } = 5000;
        /// <summary>Silence inside an answer that abandons it.</summary>
        public int InterByteTimeoutMs { get; set; } = 2000;
    }
}
