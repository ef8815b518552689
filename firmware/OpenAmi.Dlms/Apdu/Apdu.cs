using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>A decoded or to-be-encoded APDU. Concrete types carry the fields of their ASN.1 CHOICE.</summary>
    public abstract class Apdu
    {
        public abstract byte Tag { get; }

        /// <summary>Kebab-case variant name ("normal", "next", "with-list" …), or null for single-form APDUs.</summary>
        public virtual string Variant => null;

        public abstract void Encode(AxdrWriter writer);

        public string Name => ApduTag.Name(Tag);
    }

    /// <summary>An xDLMS service APDU with an invoke-id-and-priority byte.</summary>
    public abstract class ServiceApdu : Apdu
    {
        /// <summary>Bits 0–3 invoke id, bit 6 confirmed, bit 7 high priority (0xC1 = id 1, confirmed, high).</summary>
        public byte InvokeIdAndPriority { get; set; } = 0xC1;
        public int InvokeId => InvokeIdAndPriority & 0x0F;
        /// <summary>1-based CHOICE number of the service variant.</summary>
        public int VariantNumber { get; set; } = 1;

        /// <summary>
        /// The name of <see cref="VariantNumber"/> from the names in CHOICE order; a number outside them gets the
        /// last name (decoding has already rejected such numbers, so only a hand-built APDU can carry one).
        /// </summary>
        protected string VariantName(string[] names)
        {
            int i = VariantNumber - 1;
            return i >= 0 && i < names.Length ? names[i] : names[names.Length - 1];
        }

        /// <summary>Tag, CHOICE number and invoke-id-and-priority start every service APDU; the variant's fields follow.</summary>
        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteByte(VariantNumber);
            w.WriteByte(InvokeIdAndPriority);
            EncodeBody(w);
        }

        /// <summary>Writes the fields of the variant <see cref="VariantNumber"/>.</summary>
        protected abstract void EncodeBody(AxdrWriter w);

        /// <summary>Reads the fields of the variant <see cref="VariantNumber"/>; a variant that does not exist is malformed.</summary>
        internal abstract void DecodeBody(AxdrReader r);

        /// <summary>Fills <paramref name="apdu"/> from the bytes after its tag: CHOICE number, invoke-id-and-priority, fields.</summary>
        internal static ServiceApdu Decode(ServiceApdu apdu, AxdrReader r)
        {
            apdu.VariantNumber = r.ReadByte();
            apdu.InvokeIdAndPriority = r.ReadByte();
            apdu.DecodeBody(r);
            return apdu;
        }
    }

    /// <summary>The SEQUENCE OF Data carried by SET-Request and ACTION-Request with-list.</summary>
    internal static class DataList
    {
        /// <summary>
        /// ACTION parameters may be absent and go out as null-data (<paramref name="absentAsNullData"/>);
        /// SET values are mandatory, so an absent one is left to fail in the writer.
        /// </summary>
        public static void Write(AxdrWriter w, DataValue[] values, bool absentAsNullData)
        {
            w.WriteLength(values.Length);
            for (int i = 0; i < values.Length; i++)
            {
                w.WriteData(values[i] ?? (absentAsNullData ? DataValue.Null : null));
            }
        }

        public static DataValue[] Read(AxdrReader r)
        {
            int n = r.ReadLength();
            var values = new DataValue[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = r.ReadData();
            }

            return values;
        }
    }

    /// <summary>
    /// Cosem-Attribute-Descriptor (or Cosem-Method-Descriptor, with <see cref="Id"/> the method id) plus the
    /// optional selective access of GET/SET.
    /// </summary>
    public sealed class AttributeDescriptor
    {
        public AttributeDescriptor()
        {
        }

        public AttributeDescriptor(ushort classId, Cosem.ObisCode instance, int id)
        {
            ClassId = classId;
            Instance = instance;
            Id = id;
        }

        public ushort ClassId { get; set; }
        public Cosem.ObisCode Instance { get; set; }
        /// <summary>Attribute or method id (signed 8-bit on the wire).</summary>
        public int Id { get; set; }
        /// <summary>Access selector, or 0 when no selective access is given.</summary>
        public int Selector { get; set; }
        public DataValue SelectionParameters { get; set; }

        internal void Write(AxdrWriter w, bool withSelection)
        {
            w.WriteUInt16(ClassId);
            w.WriteBytes(Instance.ToBytes(), 0, 6);
            w.WriteByte(Id);
            if (withSelection)
            {
                if (Selector == 0)
                {
                    w.WriteByte(0);
                }
                else
                {
                    w.WriteByte(1);
                    w.WriteByte(Selector);
                    w.WriteData(SelectionParameters ?? DataValue.Null);
                }
            }
        }

        internal static AttributeDescriptor Read(AxdrReader r, bool withSelection)
        {
            var d = new AttributeDescriptor { ClassId = (ushort)r.ReadUInt16() };
            r.Skip(6);
            d.Instance = Cosem.ObisCode.FromBytes(r.Buffer, r.Position - 6);
            d.Id = (sbyte)r.ReadByte();
            if (withSelection && r.ReadByte() != 0)
            {
                d.Selector = r.ReadByte();
                d.SelectionParameters = r.ReadData();
            }

            return d;
        }

        internal static void WriteList(AxdrWriter w, AttributeDescriptor[] list, bool withSelection)
        {
            w.WriteLength(list.Length);
            for (int i = 0; i < list.Length; i++)
            {
                list[i].Write(w, withSelection);
            }
        }

        internal static AttributeDescriptor[] ReadList(AxdrReader r, bool withSelection)
        {
            int n = r.ReadLength();
            var list = new AttributeDescriptor[n];
            for (int i = 0; i < n; i++)
            {
                list[i] = Read(r, withSelection);
            }

            return list;
        }
    }

    /// <summary>Get-Data-Result: either data or a data-access-result.</summary>
    public sealed class DataResult
    {
        public DataResult(DataValue value)
        {
            Value = value;
        }

        public DataResult(int accessResult)
        {
            AccessResult = accessResult;
        }

        /// <summary>The data, or null when the server answered with an error.</summary>
        public DataValue Value { get; private set; }
        public int AccessResult { get; private set; }
        public bool Success => Value != null;

        /// <summary>Refills a result a client keeps between requests.</summary>
        internal void Assign(DataValue value, int accessResult)
        {
            Value = value;
            AccessResult = value != null ? 0 : accessResult;
        }

        internal void Write(AxdrWriter w)
        {
            if (Value != null)
            {
                w.WriteByte(0);
                w.WriteData(Value);
            }
            else
            {
                w.WriteByte(1);
                w.WriteByte(AccessResult);
            }
        }

        /// <summary>Reads a Get-Data-Result into <paramref name="into"/>, or into a new result when it is null.</summary>
        internal static DataResult Read(AxdrReader r, DataResult into)
        {
            int choice = r.ReadByte();
            if (choice == 0)
            {
                DataValue value = r.ReadData();
                if (into == null)
                {
                    return new DataResult(value);
                }

                into.Assign(value, 0);
                return into;
            }

            if (choice == 1)
            {
                int accessResult = r.ReadByte();
                if (into == null)
                {
                    return new DataResult(accessResult);
                }

                into.Assign(null, accessResult);
                return into;
            }

            throw new DlmsException(DlmsErrorCode.Malformed, "Get-Data-Result choice " + choice + " is not 0 or 1");
        }
    }

    /// <summary>DataBlock-G (GET, raw data or an error) and DataBlock-SA (SET/ACTION, raw data).</summary>
    public sealed class DataBlock
    {
        public bool LastBlock { get; set; }
        public uint BlockNumber { get; set; }
        /// <summary>The block's slice of the encoded Data, or null when <see cref="AccessResult"/> is set (GET only).</summary>
        public byte[] RawData { get; set; }
        public int AccessResult { get; set; }

        internal void Write(AxdrWriter w, bool withChoice)
        {
            w.WriteByte(LastBlock ? 1 : 0);
            w.WriteUInt32(BlockNumber);
            if (withChoice)
            {
                if (RawData == null)
                {
                    w.WriteByte(1);
                    w.WriteByte(AccessResult);
                    return;
                }

                w.WriteByte(0);
            }

            w.WriteOctetString(RawData);
        }

        internal static DataBlock Read(AxdrReader r, bool withChoice)
        {
            var b = new DataBlock { LastBlock = r.ReadByte() != 0, BlockNumber = r.ReadUInt32() };
            int choice = withChoice ? r.ReadByte() : 0;
            if (choice == 0)
            {
                b.RawData = r.ReadOctetString();
            }
            else if (choice == 1)
            {
                b.AccessResult = r.ReadByte();
            }
            else
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "DataBlock-G result choice " + choice + " is not 0 or 1");
            }

            return b;
        }
    }
}
