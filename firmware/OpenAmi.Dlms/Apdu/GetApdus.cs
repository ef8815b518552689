using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>GET-Request: normal (1), next (2), with-list (3).</summary>
    public sealed class GetRequest : ServiceApdu
    {
        public const int Normal = 1, Next = 2, WithList = 3;

        public override byte Tag => ApduTag.GetRequest;
        public override string Variant => VariantNumber == Normal ? "normal" : VariantNumber == Next ? "next" : "with-list";
        /// <summary>One descriptor for normal, several for with-list, none for next.</summary>
        public AttributeDescriptor[] Attributes { get; set; }
        public uint BlockNumber { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteByte(VariantNumber);
            w.WriteByte(InvokeIdAndPriority);
            switch (VariantNumber)
            {
                case Normal: Attributes[0].Write(w, true); break;
                case Next: w.WriteUInt32(BlockNumber); break;
                default: AttributeDescriptor.WriteList(w, Attributes, true); break;
            }
        }

        internal static GetRequest Read(AxdrReader r, int variant)
        {
            var a = new GetRequest { VariantNumber = variant, InvokeIdAndPriority = r.ReadByte() };
            switch (variant)
            {
                case Normal: a.Attributes = new[] { AttributeDescriptor.Read(r, true) }; break;
                case Next: a.BlockNumber = r.ReadUInt32(); break;
                case WithList: a.Attributes = AttributeDescriptor.ReadList(r, true); break;
                default: throw ApduCodec.BadVariant("get-request", variant);
            }

            return a;
        }
    }

    /// <summary>GET-Response: normal (1), with-datablock (2), with-list (3).</summary>
    public sealed class GetResponse : ServiceApdu
    {
        public const int Normal = 1, WithDataBlock = 2, WithList = 3;

        public override byte Tag => ApduTag.GetResponse;
        public override string Variant => VariantNumber == Normal ? "normal" : VariantNumber == WithDataBlock ? "with-datablock" : "with-list";
        /// <summary>One result for normal, several for with-list.</summary>
        public DataResult[] Results { get; set; }
        public DataBlock Block { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteByte(VariantNumber);
            w.WriteByte(InvokeIdAndPriority);
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

        internal static GetResponse Read(AxdrReader r, int variant)
        {
            var a = new GetResponse { VariantNumber = variant, InvokeIdAndPriority = r.ReadByte() };
            switch (variant)
            {
                case Normal:
                    a.Results = new[] { DataResult.Read(r) };
                    break;
                case WithDataBlock:
                    a.Block = DataBlock.Read(r, true);
                    break;
                case WithList:
                {
                    int n = r.ReadLength();
                    a.Results = new DataResult[n];
                    for (int i = 0; i < n; i++)
                    {
                        a.Results[i] = DataResult.Read(r);
                    }

                    break;
                }

                default:
                    throw ApduCodec.BadVariant("get-response", variant);
            }

            return a;
        }
    }
}
