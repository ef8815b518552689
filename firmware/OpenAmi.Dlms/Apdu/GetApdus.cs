using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>GET-Request: normal (1), next (2), with-list (3).</summary>
    public sealed class GetRequest : ServiceApdu
    {
        public const int Normal = 1, Next = 2, WithList = 3;

        public override byte Tag => ApduTag.GetRequest;
        private static readonly string[] VariantNames = { "normal", "next", "with-list" };

        public override string Variant => VariantName(VariantNames);
        /// <summary>One descriptor for normal, several for with-list, none for next.</summary>
        public AttributeDescriptor[] Attributes { get; set; }
        public uint BlockNumber { get; set; }

        protected override void EncodeBody(AxdrWriter w)
        {
            switch (VariantNumber)
            {
                case Normal: Attributes[0].Write(w, true); break;
                case Next: w.WriteUInt32(BlockNumber); break;
                default: AttributeDescriptor.WriteList(w, Attributes, true); break;
            }
        }

        internal override void DecodeBody(AxdrReader r)
        {
            switch (VariantNumber)
            {
                case Normal: Attributes = new[] { AttributeDescriptor.Read(r, true) }; break;
                case Next: BlockNumber = r.ReadUInt32(); break;
                case WithList: Attributes = AttributeDescriptor.ReadList(r, true); break;
                default: throw ApduCodec.BadVariant("get-request", VariantNumber);
            }
        }
    }

    /// <summary>GET-Response: normal (1), with-datablock (2), with-list (3).</summary>
    public sealed class GetResponse : ServiceApdu
    {
        public const int Normal = 1, WithDataBlock = 2, WithList = 3;

        public override byte Tag => ApduTag.GetResponse;
        private static readonly string[] VariantNames = { "normal", "with-datablock", "with-list" };

        public override string Variant => VariantName(VariantNames);
        /// <summary>One result for normal, several for with-list.</summary>
        public DataResult[] Results { get; set; }
        public DataBlock Block { get; set; }

        protected override void EncodeBody(AxdrWriter w)
        {
            switch (VariantNumber)
            {
                case Normal:
                    Results[0].Write(w);
                    break;
                case WithDataBlock:
                    Block.Write(w, true);
                    break;
                default:
                    w.WriteLength(Results.Length);
                    for (int i = 0; i < Results.Length; i++)
                    {
                        Results[i].Write(w);
                    }

                    break;
            }
        }

        internal override void DecodeBody(AxdrReader r)
        {
            switch (VariantNumber)
            {
                case Normal:
                    Results = new[] { DataResult.Read(r) };
                    break;
                case WithDataBlock:
                    Block = DataBlock.Read(r, true);
                    break;
                case WithList:
                {
                    int n = r.ReadLength();
                    Results = new DataResult[n];
                    for (int i = 0; i < n; i++)
                    {
                        Results[i] = DataResult.Read(r);
                    }

                    break;
                }

                default:
                    throw ApduCodec.BadVariant("get-response", VariantNumber);
            }
        }
    }
}
