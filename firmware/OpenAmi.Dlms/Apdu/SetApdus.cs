using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>
    /// SET-Request: normal (1), with-first-datablock (2), with-datablock (3), with-list (4),
    /// with-list-and-first-datablock (5).
    /// </summary>
    public sealed class SetRequest : ServiceApdu
    {
        public const int Normal = 1, WithFirstDataBlock = 2, WithDataBlock = 3, WithList = 4, WithListAndFirstDataBlock = 5;

        public override byte Tag => ApduTag.SetRequest;

        public override string Variant
        {
            get
            {
                switch (VariantNumber)
                {
                    case Normal: return "normal";
                    case WithFirstDataBlock: return "with-first-datablock";
                    case WithDataBlock: return "with-datablock";
                    case WithList: return "with-list";
                    default: return "with-list-and-first-datablock";
                }
            }
        }

        public AttributeDescriptor[] Attributes { get; set; }
        public DataValue[] Values { get; set; }
        public DataBlock Block { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteByte(VariantNumber);
            w.WriteByte(InvokeIdAndPriority);
            switch (VariantNumber)
            {
                case Normal:
                    Attributes[0].Write(w, true);
                    w.WriteData(Values[0]);
                    break;
                case WithFirstDataBlock:
                    Attributes[0].Write(w, true);
                    Block.Write(w, false);
                    break;
                case WithDataBlock:
                    Block.Write(w, false);
                    break;
                case WithList:
                    AttributeDescriptor.WriteList(w, Attributes, true);
                    w.WriteLength(Values.Length);
                    for (int i = 0; i < Values.Length; i++)
                    {
                        w.WriteData(Values[i]);
                    }

                    break;
                default:
                    AttributeDescriptor.WriteList(w, Attributes, true);
                    Block.Write(w, false);
                    break;
            }
        }

        internal static SetRequest Read(AxdrReader r, int variant)
        {
            var a = new SetRequest { VariantNumber = variant, InvokeIdAndPriority = r.ReadByte() };
            switch (variant)
            {
                case Normal:
                    a.Attributes = new[] { AttributeDescriptor.Read(r, true) };
                    a.Values = new[] { r.ReadData() };
                    break;
                case WithFirstDataBlock:
                    a.Attributes = new[] { AttributeDescriptor.Read(r, true) };
                    a.Block = DataBlock.Read(r, false);
                    break;
                case WithDataBlock:
                    a.Block = DataBlock.Read(r, false);
                    break;
                case WithList:
                {
                    a.Attributes = AttributeDescriptor.ReadList(r, true);
                    int n = r.ReadLength();
                    a.Values = new DataValue[n];
                    for (int i = 0; i < n; i++)
                    {
                        a.Values[i] = r.ReadData();
                    }

                    break;
                }

                case WithListAndFirstDataBlock:
                    a.Attributes = AttributeDescriptor.ReadList(r, true);
                    a.Block = DataBlock.Read(r, false);
                    break;
                default:
                    throw ApduCodec.BadVariant("set-request", variant);
            }

            return a;
        }
    }

    /// <summary>
    /// SET-Response: normal (1), datablock (2), last-datablock (3), last-datablock-with-list (4), with-list (5).
    /// </summary>
    public sealed class SetResponse : ServiceApdu
    {
        public const int Normal = 1, DataBlock = 2, LastDataBlock = 3, LastDataBlockWithList = 4, WithList = 5;

        public override byte Tag => ApduTag.SetResponse;

        public override string Variant
        {
            get
            {
                switch (VariantNumber)
                {
                    case Normal: return "normal";
                    case DataBlock: return "datablock";
                    case LastDataBlock: return "last-datablock";
                    case LastDataBlockWithList: return "last-datablock-with-list";
                    default: return "with-list";
                }
            }
        }

        /// <summary>data-access-result per attribute (one for normal/last-datablock).</summary>
        public int[] Results { get; set; }
        public uint BlockNumber { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteByte(VariantNumber);
            w.WriteByte(InvokeIdAndPriority);
            switch (VariantNumber)
            {
                case Normal:
                    w.WriteByte(Results[0]);
                    break;
                case DataBlock:
                    w.WriteUInt32(BlockNumber);
                    break;
                case LastDataBlock:
                    w.WriteByte(Results[0]);
                    w.WriteUInt32(BlockNumber);
                    break;
                default:
                    w.WriteLength(Results.Length);
                    for (int i = 0; i < Results.Length; i++)
                    {
                        w.WriteByte(Results[i]);
                    }

                    if (VariantNumber == LastDataBlockWithList)
                    {
                        w.WriteUInt32(BlockNumber);
                    }

                    break;
            }
        }

        internal static SetResponse Read(AxdrReader r, int variant)
        {
            var a = new SetResponse { VariantNumber = variant, InvokeIdAndPriority = r.ReadByte() };
            switch (variant)
            {
                case Normal:
                    a.Results = new int[] { r.ReadByte() };
                    break;
                case DataBlock:
                    a.BlockNumber = r.ReadUInt32();
                    break;
                case LastDataBlock:
                    a.Results = new int[] { r.ReadByte() };
                    a.BlockNumber = r.ReadUInt32();
                    break;
                case LastDataBlockWithList:
                case WithList:
                {
                    int n = r.ReadLength();
                    a.Results = new int[n];
                    for (int i = 0; i < n; i++)
                    {
                        a.Results[i] = r.ReadByte();
                    }

                    if (variant == LastDataBlockWithList)
                    {
                        a.BlockNumber = r.ReadUInt32();
                    }

                    break;
                }

                default:
                    throw ApduCodec.BadVariant("set-response", variant);
            }

            return a;
        }
    }
}
