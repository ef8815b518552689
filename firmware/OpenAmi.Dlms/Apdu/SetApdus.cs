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

        private static readonly string[] VariantNames =
        {
            "normal", "with-first-datablock", "with-datablock", "with-list", "with-list-and-first-datablock",
        };

        public override string Variant => VariantName(VariantNames);

        public AttributeDescriptor[] Attributes { get; set; }
        public DataValue[] Values { get; set; }
        public DataBlock Block { get; set; }

        protected override void EncodeBody(AxdrWriter w)
        {
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
                    DataList.Write(w, Values, false);
                    break;
                default:
                    AttributeDescriptor.WriteList(w, Attributes, true);
                    Block.Write(w, false);
                    break;
            }
        }

        internal override void DecodeBody(AxdrReader r)
        {
            switch (VariantNumber)
            {
                case Normal:
                    Attributes = new[] { AttributeDescriptor.Read(r, true) };
                    Values = new[] { r.ReadData() };
                    break;
                case WithFirstDataBlock:
                    Attributes = new[] { AttributeDescriptor.Read(r, true) };
                    Block = DataBlock.Read(r, false);
                    break;
                case WithDataBlock:
                    Block = DataBlock.Read(r, false);
                    break;
                case WithList:
                    Attributes = AttributeDescriptor.ReadList(r, true);
                    Values = DataList.Read(r);
                    break;
                case WithListAndFirstDataBlock:
                    Attributes = AttributeDescriptor.ReadList(r, true);
                    Block = DataBlock.Read(r, false);
                    break;
                default:
                    throw ApduCodec.BadVariant("set-request", VariantNumber);
            }
        }
    }

    /// <summary>
    /// SET-Response: normal (1), datablock (2), last-datablock (3), last-datablock-with-list (4), with-list (5).
    /// </summary>
    public sealed class SetResponse : ServiceApdu
    {
        public const int Normal = 1, DataBlock = 2, LastDataBlock = 3, LastDataBlockWithList = 4, WithList = 5;

        public override byte Tag => ApduTag.SetResponse;

        private static readonly string[] VariantNames =
        {
            "normal", "datablock", "last-datablock", "last-datablock-with-list", "with-list",
        };

        public override string Variant => VariantName(VariantNames);

        /// <summary>data-access-result per attribute (one for normal/last-datablock).</summary>
        public int[] Results { get; set; }
        public uint BlockNumber { get; set; }

        protected override void EncodeBody(AxdrWriter w)
        {
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

        internal override void DecodeBody(AxdrReader r)
        {
            switch (VariantNumber)
            {
                case Normal:
                    Results = new int[] { r.ReadByte() };
                    break;
                case DataBlock:
                    BlockNumber = r.ReadUInt32();
                    break;
                case LastDataBlock:
                    Results = new int[] { r.ReadByte() };
                    BlockNumber = r.ReadUInt32();
                    break;
                case LastDataBlockWithList:
                case WithList:
                {
                    int n = r.ReadLength();
                    Results = new int[n];
                    for (int i = 0; i < n; i++)
                    {
                        Results[i] = r.ReadByte();
                    }

                    if (VariantNumber == LastDataBlockWithList)
                    {
                        BlockNumber = r.ReadUInt32();
                    }

                    break;
                }

                default:
                    throw ApduCodec.BadVariant("set-response", VariantNumber);
            }
        }
    }
}
