using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>
    /// ACTION-Request: normal (1), next-pblock (2), with-list (3), with-first-pblock (4),
    /// with-list-and-first-pblock (5), with-pblock (6).
    /// </summary>
    public sealed class ActionRequest : ServiceApdu
    {
        public const int Normal = 1, NextPBlock = 2, WithList = 3, WithFirstPBlock = 4, WithListAndFirstPBlock = 5, WithPBlock = 6;

        public override byte Tag => ApduTag.ActionRequest;

        private static readonly string[] VariantNames =
        {
            "normal", "next-pblock", "with-list", "with-first-pblock", "with-list-and-first-pblock", "with-pblock",
        };

        public override string Variant => VariantName(VariantNames);

        /// <summary>Method descriptors (<see cref="AttributeDescriptor.Id"/> is the method id).</summary>
        public AttributeDescriptor[] Methods { get; set; }
        /// <summary>Invocation parameters; an entry is null when absent (normal only).</summary>
        public DataValue[] Parameters { get; set; }
        public DataBlock Block { get; set; }
        public uint BlockNumber { get; set; }

        protected override void EncodeBody(AxdrWriter w)
        {
            switch (VariantNumber)
            {
                case Normal:
                    Methods[0].Write(w, false);
                    if (Parameters == null || Parameters[0] == null)
                    {
                        w.WriteByte(0);
                    }
                    else
                    {
                        w.WriteByte(1);
                        w.WriteData(Parameters[0]);
                    }

                    break;
                case NextPBlock:
                    w.WriteUInt32(BlockNumber);
                    break;
                case WithList:
                    AttributeDescriptor.WriteList(w, Methods, false);
                    DataList.Write(w, Parameters, true);
                    break;
                case WithFirstPBlock:
                    Methods[0].Write(w, false);
                    Block.Write(w, false);
                    break;
                case WithListAndFirstPBlock:
                    AttributeDescriptor.WriteList(w, Methods, false);
                    Block.Write(w, false);
                    break;
                default:
                    Block.Write(w, false);
                    break;
            }
        }

        internal override void DecodeBody(AxdrReader r)
        {
            switch (VariantNumber)
            {
                case Normal:
                    Methods = new[] { AttributeDescriptor.Read(r, false) };
                    Parameters = new[] { r.ReadByte() != 0 ? r.ReadData() : null };
                    break;
                case NextPBlock:
                    BlockNumber = r.ReadUInt32();
                    break;
                case WithList:
                    Methods = AttributeDescriptor.ReadList(r, false);
                    Parameters = DataList.Read(r);
                    break;
                case WithFirstPBlock:
                    Methods = new[] { AttributeDescriptor.Read(r, false) };
                    Block = DataBlock.Read(r, false);
                    break;
                case WithListAndFirstPBlock:
                    Methods = AttributeDescriptor.ReadList(r, false);
                    Block = DataBlock.Read(r, false);
                    break;
                case WithPBlock:
                    Block = DataBlock.Read(r, false);
                    break;
                default:
                    throw ApduCodec.BadVariant("action-request", VariantNumber);
            }
        }
    }

    /// <summary>Action-Response-With-Optional-Data: the action-result and optional return parameters.</summary>
    public sealed class ActionResult
    {
        public ActionResult(int result, DataResult returnParameters)
        {
            Result = result;
            ReturnParameters = returnParameters;
        }

        public int Result { get; }
        /// <summary>Null when the server returned no data.</summary>
        public DataResult ReturnParameters { get; }

        internal void Write(AxdrWriter w)
        {
            w.WriteByte(Result);
            if (ReturnParameters == null)
            {
                w.WriteByte(0);
            }
            else
            {
                w.WriteByte(1);
                ReturnParameters.Write(w);
            }
        }

        internal static ActionResult Read(AxdrReader r)
        {
            int result = r.ReadByte();
            return new ActionResult(result, r.ReadByte() != 0 ? DataResult.Read(r, null) : null);
        }
    }

    /// <summary>ACTION-Response: normal (1), with-pblock (2), with-list (3), next-pblock (4).</summary>
    public sealed class ActionResponse : ServiceApdu
    {
        public const int Normal = 1, WithPBlock = 2, WithList = 3, NextPBlock = 4;

        public override byte Tag => ApduTag.ActionResponse;

        private static readonly string[] VariantNames = { "normal", "with-pblock", "with-list", "next-pblock" };

        public override string Variant => VariantName(VariantNames);

        public ActionResult[] Results { get; set; }
        public DataBlock Block { get; set; }
        public uint BlockNumber { get; set; }

        protected override void EncodeBody(AxdrWriter w)
        {
            switch (VariantNumber)
            {
                case Normal:
                    Results[0].Write(w);
                    break;
                case WithPBlock:
                    Block.Write(w, false);
                    break;
                case WithList:
                    w.WriteLength(Results.Length);
                    for (int i = 0; i < Results.Length; i++)
                    {
                        Results[i].Write(w);
                    }

                    break;
                default:
                    w.WriteUInt32(BlockNumber);
                    break;
            }
        }

        internal override void DecodeBody(AxdrReader r)
        {
            switch (VariantNumber)
            {
                case Normal:
                    Results = new[] { ActionResult.Read(r) };
                    break;
                case WithPBlock:
                    Block = DataBlock.Read(r, false);
                    break;
                case WithList:
                {
                    int n = r.ReadLength();
                    Results = new ActionResult[n];
                    for (int i = 0; i < n; i++)
                    {
                        Results[i] = ActionResult.Read(r);
                    }

                    break;
                }

                case NextPBlock:
                    BlockNumber = r.ReadUInt32();
                    break;
                default:
                    throw ApduCodec.BadVariant("action-response", VariantNumber);
            }
        }
    }
}
