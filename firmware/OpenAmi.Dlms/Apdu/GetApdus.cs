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

        // What decoding fills: a response decoded again (a client's, ApduCodec.Decode with it) refills its results
        // instead of allocating them anew.
        private DataResult[] _normal;
        private const int KeptLists = 32;
        /// <summary>With-list results by count (a client's batches differ in size).</summary>
        private DataResult[][] _lists;

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
                    Block = null;
                    if (_normal == null)
                    {
                        _normal = new DataResult[1];
                    }

                    _normal[0] = DataResult.Read(r, _normal[0]);
                    Results = _normal;
                    break;
                case WithDataBlock:
                    Results = null;
                    Block = DataBlock.Read(r, true);
                    break;
                case WithList:
                {
                    Block = null;
                    int n = r.ReadLength();
                    DataResult[] list = ListOf(n);
                    for (int i = 0; i < n; i++)
                    {
                        list[i] = DataResult.Read(r, list[i]);
                    }

                    Results = list;
                    break;
                }

                default:
                    throw ApduCodec.BadVariant("get-response", VariantNumber);
            }
        }

        /// <summary>
        /// The results array for <paramref name="n"/> items this response filled before, or a new one (kept for the next
        /// when <paramref name="n"/> is at most <see cref="KeptLists"/>, so a meter's odd count cannot make it hold much).
        /// </summary>
        private DataResult[] ListOf(int n)
        {
            if (n > KeptLists)
            {
                return new DataResult[n];
            }

            if (_lists == null || _lists.Length <= n)
            {
                var grown = new DataResult[n + 1][];
                if (_lists != null)
                {
                    System.Array.Copy(_lists, grown, _lists.Length);
                }

                _lists = grown;
            }

            if (_lists[n] == null)
            {
                _lists[n] = new DataResult[n];
            }

            return _lists[n];
        }
    }
}
