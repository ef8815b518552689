using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>xDLMS InitiateRequest, carried in the AARQ user-information.</summary>
    public sealed class InitiateRequest : Apdu
    {
        public override byte Tag => ApduTag.InitiateRequest;
        /// <summary>16-byte dedicated key for ded- ciphering, or null.</summary>
        public byte[] DedicatedKey { get; set; }
        public bool ResponseAllowed { get; set; } = true;
        /// <summary>proposed-quality-of-service, or -1 when absent.</summary>
        public int QualityOfService { get; set; } = -1;
        public int DlmsVersion { get; set; } = 6;
        public uint Conformance { get; set; } = ConformanceBits.ClientDefault;
        public int MaxReceivePduSize { get; set; } = 0xFFFF;

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            if (DedicatedKey == null)
            {
                w.WriteByte(0);
            }
            else
            {
                w.WriteByte(1);
                w.WriteOctetString(DedicatedKey);
            }

            if (ResponseAllowed)
            {
                w.WriteByte(0); // DEFAULT TRUE: omitted
            }
            else
            {
                w.WriteByte(1);
                w.WriteByte(0);
            }

            WriteOptionalByte(w, QualityOfService);

            w.WriteByte(DlmsVersion);
            ConformanceBits.Write(w, Conformance);
            w.WriteUInt16(MaxReceivePduSize);
        }

        /// <summary>An OPTIONAL Unsigned8: 00, or 01 and the value; -1 stands for absent.</summary>
        internal static void WriteOptionalByte(AxdrWriter w, int value)
        {
            if (value < 0)
            {
                w.WriteByte(0);
            }
            else
            {
                w.WriteByte(1);
                w.WriteByte(value);
            }
        }

        internal static int ReadOptionalByte(AxdrReader r) => r.ReadByte() != 0 ? r.ReadByte() : -1;

        internal static InitiateRequest Read(AxdrReader r)
        {
            var a = new InitiateRequest();
            if (r.ReadByte() != 0)
            {
                a.DedicatedKey = r.ReadOctetString();
            }

            if (r.ReadByte() != 0)
            {
                a.ResponseAllowed = r.ReadByte() != 0;
            }

            a.QualityOfService = ReadOptionalByte(r);
            a.DlmsVersion = r.ReadByte();
            a.Conformance = ConformanceBits.Read(r);
            a.MaxReceivePduSize = r.ReadUInt16();
            return a;
        }
    }

    /// <summary>xDLMS InitiateResponse, carried in the AARE user-information.</summary>
    public sealed class InitiateResponse : Apdu
    {
        public override byte Tag => ApduTag.InitiateResponse;
        public int QualityOfService { get; set; } = -1;
        public int DlmsVersion { get; set; } = 6;
        public uint Conformance { get; set; }
        public int MaxReceivePduSize { get; set; }
        /// <summary>0x0007 for LN referencing.</summary>
        public int VaaName { get; set; } = 0x0007;

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            InitiateRequest.WriteOptionalByte(w, QualityOfService);

            w.WriteByte(DlmsVersion);
            ConformanceBits.Write(w, Conformance);
            w.WriteUInt16(MaxReceivePduSize);
            w.WriteUInt16(VaaName);
        }

        internal static InitiateResponse Read(AxdrReader r)
        {
            var a = new InitiateResponse();
            a.QualityOfService = InitiateRequest.ReadOptionalByte(r);
            a.DlmsVersion = r.ReadByte();
            a.Conformance = ConformanceBits.Read(r);
            a.MaxReceivePduSize = r.ReadUInt16();
            a.VaaName = r.ReadUInt16();
            return a;
        }
    }
}
