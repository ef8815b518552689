namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>
    /// One decoded HDLC frame as a view over the caller's buffer (nothing copied). Reused by the reader:
    /// its fields are valid until the next decode into the same instance.
    /// </summary>
    public sealed class HdlcFrame
    {
        public byte[] Buffer { get; internal set; }
        /// <summary>Offset of the opening flag in <see cref="Buffer"/>.</summary>
        public int FrameOffset { get; internal set; }
        /// <summary>Bytes from the opening flag to the closing flag inclusive.</summary>
        public int FrameLength { get; internal set; }
        public bool Segmented { get; internal set; }
        public int DestinationUpper { get; internal set; }
        public int DestinationLower { get; internal set; }
        public int DestinationSize { get; internal set; }
        public int SourceUpper { get; internal set; }
        public int SourceLower { get; internal set; }
        public int SourceSize { get; internal set; }
        public byte Control { get; internal set; }
        public HdlcFrameType Type { get; internal set; }
        public bool PollFinal => (Control & HdlcControl.PollFinal) != 0;
        /// <summary>N(S), meaningful for I frames.</summary>
        public int SendSequence => (Control >> 1) & 7;
        /// <summary>N(R), meaningful for I, RR and RNR frames.</summary>
        public int ReceiveSequence => (Control >> 5) & 7;
        public bool HasHcs { get; internal set; }
        /// <summary>True when the frame has no HCS (no information field) or its HCS matches.</summary>
        public bool HcsValid { get; internal set; }
        public bool FcsValid { get; internal set; }
        public bool Valid => HcsValid && FcsValid;
        public int InfoOffset { get; internal set; }
        public int InfoCount { get; internal set; }
    }
}
