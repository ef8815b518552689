namespace OpenAmi.Dlms.Apdu
{
    /// <summary>
    /// The 24-bit xDLMS conformance block (Green Book, Conformance ::= [APPLICATION 31] IMPLICIT BIT STRING):
    /// bit 0 is the most significant bit of the first of the three bytes.
    /// </summary>
    public static class ConformanceBits
    {
        public const uint GeneralProtection = 1u << (23 - 1);
        public const uint GeneralBlockTransfer = 1u << (23 - 2);
        public const uint Attribute0WithSet = 1u << (23 - 8);
        public const uint PriorityManagement = 1u << (23 - 9);
        public const uint Attribute0WithGet = 1u << (23 - 10);
        public const uint BlockTransferWithGet = 1u << (23 - 11);
        public const uint BlockTransferWithSet = 1u << (23 - 12);
        public const uint BlockTransferWithAction = 1u << (23 - 13);
        public const uint MultipleReferences = 1u << (23 - 14);
        public const uint DataNotification = 1u << (23 - 16);
        public const uint Access = 1u << (23 - 17);
        public const uint Get = 1u << (23 - 19);
        public const uint Set = 1u << (23 - 20);
        public const uint SelectiveAccess = 1u << (23 - 21);
        public const uint EventNotification = 1u << (23 - 22);
        public const uint Action = 1u << (23 - 23);

        /// <summary>What this client proposes: LN services with block transfer and lists (0x007E1F).</summary>
        public const uint ClientDefault = PriorityManagement | Attribute0WithGet | BlockTransferWithGet | BlockTransferWithSet |
                                          BlockTransferWithAction | MultipleReferences | Get | Set | SelectiveAccess |
                                          EventNotification | Action;

        private static readonly string[] BitNames =
        {
            "reserved-zero", "general-protection", "general-block-transfer", "read", "write", "unconfirmed-write",
            "delta-value-encoding", "reserved-seven", "attribute0-supported-with-set", "priority-mgmt-supported",
            "attribute0-supported-with-get", "block-transfer-with-get-or-read", "block-transfer-with-set-or-write",
            "block-transfer-with-action", "multiple-references", "information-report", "data-notification", "access",
            "parameterized-access", "get", "set", "selective-access", "event-notification", "action",
        };

        /// <summary>The ASN.1 names of the bits set, in bit order.</summary>
        public static string[] Names(uint conformance)
        {
            int n = 0;
            for (int bit = 0; bit < 24; bit++)
            {
                if ((conformance & (1u << (23 - bit))) != 0)
                {
                    n++;
                }
            }

            var names = new string[n];
            int i = 0;
            for (int bit = 0; bit < 24; bit++)
            {
                if ((conformance & (1u << (23 - bit))) != 0)
                {
                    names[i++] = BitNames[bit];
                }
            }

            return names;
        }

        internal static void Write(Axdr.AxdrWriter w, uint conformance)
        {
            w.WriteByte(0x5F);
            w.WriteByte(0x1F);
            w.WriteByte(0x04);
            w.WriteByte(0x00);
            w.WriteByte((int)(conformance >> 16));
            w.WriteByte((int)(conformance >> 8));
            w.WriteByte((int)conformance);
        }

        internal static uint Read(Axdr.AxdrReader r)
        {
            if (r.ReadByte() != 0x5F || r.ReadByte() != 0x1F || r.ReadByte() != 0x04)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "conformance block must be 5F 1F 04");
            }

            r.ReadByte(); // unused-bits count of the BIT STRING
            return ((uint)r.ReadByte() << 16) | ((uint)r.ReadByte() << 8) | r.ReadByte();
        }
    }
}
