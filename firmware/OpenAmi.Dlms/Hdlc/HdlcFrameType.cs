namespace OpenAmi.Dlms.Hdlc
{
    /// <summary>HDLC frame kinds used by IEC 62056-46 (the control field with the P/F bit masked).</summary>
    public enum HdlcFrameType
    {
        Unknown = 0,
        I = 1,
        RR = 2,
        RNR = 3,
        SNRM = 4,
        DISC = 5,
        UA = 6,
        DM = 7,
        FRMR = 8,
        UI = 9,
    }

    /// <summary>Control-field coding (IEC 62056-46 §6.4.3): P/F is bit 4, N(S) bits 1–3, N(R) bits 5–7.</summary>
    public static class HdlcControl
    {
        public const byte PollFinal = 0x10;
        public const byte Snrm = 0x83;
        public const byte Disc = 0x43;
        public const byte Ua = 0x63;
        public const byte Dm = 0x0F;
        public const byte Frmr = 0x87;
        public const byte Ui = 0x03;

        public static byte Information(int sendSeq, int receiveSeq, bool pollFinal) =>
            (byte)(((receiveSeq & 7) << 5) | (pollFinal ? PollFinal : 0) | ((sendSeq & 7) << 1));

        public static byte ReceiveReady(int receiveSeq, bool pollFinal) =>
            (byte)(((receiveSeq & 7) << 5) | (pollFinal ? PollFinal : 0) | 0x01);

        public static byte ReceiveNotReady(int receiveSeq, bool pollFinal) =>
            (byte)(((receiveSeq & 7) << 5) | (pollFinal ? PollFinal : 0) | 0x05);

        public static byte Unnumbered(byte code, bool pollFinal) => (byte)(code | (pollFinal ? PollFinal : 0));

        public static HdlcFrameType TypeOf(byte control)
        {
            if ((control & 0x01) == 0)
            {
                return HdlcFrameType.I;
            }

            if ((control & 0x0F) == 0x01)
            {
                return HdlcFrameType.RR;
            }

            if ((control & 0x0F) == 0x05)
            {
                return HdlcFrameType.RNR;
            }

            switch (control & 0xEF)
            {
                case Snrm: return HdlcFrameType.SNRM;
                case Disc: return HdlcFrameType.DISC;
                case Ua: return HdlcFrameType.UA;
                case Dm: return HdlcFrameType.DM;
                case Frmr: return HdlcFrameType.FRMR;
                case Ui: return HdlcFrameType.UI;
                default: return HdlcFrameType.Unknown;
            }
        }

        /// <summary>The name used in logs and the decoder's JSON (enum names are numbers on the device).</summary>
        public static string Name(HdlcFrameType type)
        {
            switch (type)
            {
                case HdlcFrameType.I: return "I";
                case HdlcFrameType.RR: return "RR";
                case HdlcFrameType.RNR: return "RNR";
                case HdlcFrameType.SNRM: return "SNRM";
                case HdlcFrameType.DISC: return "DISC";
                case HdlcFrameType.UA: return "UA";
                case HdlcFrameType.DM: return "DM";
                case HdlcFrameType.FRMR: return "FRMR";
                case HdlcFrameType.UI: return "UI";
                default: return "unknown";
            }
        }
    }
}
