using System;
using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>Authentication mechanism ids (the last arc of the mechanism-name OID 2.16.756.5.8.2.x).</summary>
    public static class AuthenticationMechanism
    {
        public const int None = -1;
        public const int Lowest = 0;
        public const int Low = 1;
        public const int High = 2;
        public const int HighGmac = 5;

        public static string Name(int mechanism)
        {
            switch (mechanism)
            {
                case None: return "none";
                case Lowest: return "lowest";
                case Low: return "low";
                case High: return "high";
                case 3: return "high-md5";
                case 4: return "high-sha1";
                case HighGmac: return "high-gmac";
                case 6: return "high-sha256";
                case 7: return "high-ecdsa";
                default: return "mechanism-" + mechanism;
            }
        }
    }

    /// <summary>An ACSE APDU that takes its BER fields one at a time from <see cref="Ber.ReadFields"/>.</summary>
    internal interface IBerFields
    {
        /// <summary>Reads the field <paramref name="tag"/> if known; the caller then moves to <paramref name="next"/>.</summary>
        void ReadField(AxdrReader r, int tag, int length, int next);
    }

    /// <summary>Shared BER plumbing of the ACSE APDUs (AARQ, AARE, RLRQ, RLRE).</summary>
    internal static class Ber
    {
        /// <summary>Reserves room for a length of up to 3 bytes; returns where it starts.</summary>
        public static int Open(AxdrWriter w)
        {
            int at = w.Position;
            w.WriteByte(0);
            w.WriteByte(0);
            w.WriteByte(0);
            return at;
        }

        /// <summary>Writes the length of everything since <see cref="Open"/> and moves the content down.</summary>
        public static void Close(AxdrWriter w, int at)
        {
            int contentStart = at + 3;
            int length = w.Position - contentStart;
            int lengthBytes = length < 0x80 ? 1 : length <= 0xFF ? 2 : 3;
            // Overlapping move: Array.Copy is memmove for byte arrays on .NET and on nanoFramework
            // (nf-interpreter CLR_RT_HeapBlock_Array::Copy).
            Array.Copy(w.Buffer, contentStart, w.Buffer, at + lengthBytes, length);
            w.Position = at;
            w.WriteLength(length);
            w.Position = at + lengthBytes + length;
        }

        /// <summary>
        /// Acse-requirements (authentication), mechanism-name and authentication-value. AARQ uses tags 8A/8B/AC,
        /// AARE the next ones down (88/89/AA): passing the requirements tag gives the other two.
        /// </summary>
        public static void WriteAuthentication(AxdrWriter w, int requirementsTag, int mechanism, byte[] value)
        {
            if (mechanism == AuthenticationMechanism.None)
            {
                return;
            }

            w.WriteByte(requirementsTag);
            w.WriteByte(0x02);
            w.WriteByte(0x07);
            w.WriteByte(0x80);
            WriteOid(w, requirementsTag + 1, 2, mechanism);
            if (value != null)
            {
                WriteOctets(w, requirementsTag == 0x8A ? 0xAC : 0xAA, 0x80, value);
            }
        }

        public static void WriteUserInformation(AxdrWriter w, byte[] userInformation)
        {
            if (userInformation != null)
            {
                WriteOctets(w, 0xBE, 0x04, userInformation);
            }
        }

        /// <summary>
        /// The fields AARQ and AARE end with: optional AP-title, authentication, user-information; then closes the
        /// length opened at <paramref name="lengthAt"/>.
        /// </summary>
        public static void WriteAssociationTail(
            AxdrWriter w, int apTitleTag, byte[] apTitle, int requirementsTag, int mechanism, byte[] authenticationValue,
            byte[] userInformation, int lengthAt)
        {
            if (apTitle != null)
            {
                WriteOctets(w, apTitleTag, 0x04, apTitle);
            }

            WriteAuthentication(w, requirementsTag, mechanism, authenticationValue);
            WriteUserInformation(w, userInformation);
            Close(w, lengthAt);
        }

        /// <summary>Walks the length-prefixed field list, handing each field to <paramref name="fields"/>.</summary>
        public static void ReadFields(AxdrReader r, IBerFields fields)
        {
            int end = r.ReadLength() + r.Position;
            while (r.Position < end)
            {
                int tag = r.ReadByte();
                int length = r.ReadLength();
                int next = r.Position + length;
                fields.ReadField(r, tag, length, next);
                r.Position = next;
            }
        }

        public static void WriteOctets(AxdrWriter w, int outerTag, int innerTag, byte[] value)
        {
            w.WriteByte(outerTag);
            w.WriteLength(value.Length + 1 + (value.Length < 0x80 ? 1 : 2));
            w.WriteByte(innerTag);
            w.WriteLength(value.Length);
            w.WriteBytes(value, 0, value.Length);
        }

        /// <summary>The 7-byte OID prefix 2.16.756.5.8 (joint-iso-ccitt country(16) Switzerland(756) DLMS UA(5) (8)).</summary>
        public static void WriteOid(AxdrWriter w, int tag, int arc, int id)
        {
            w.WriteByte(tag);
            if (tag == 0xA1)
            {
                w.WriteByte(0x09);
                w.WriteByte(0x06);
            }

            w.WriteByte(0x07);
            w.WriteByte(0x60);
            w.WriteByte(0x85);
            w.WriteByte(0x74);
            w.WriteByte(0x05);
            w.WriteByte(0x08);
            w.WriteByte(arc);
            w.WriteByte(id);
        }

        public static int ReadOidLast(AxdrReader r, int end)
        {
            if (end - r.Position < 2)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "object identifier too short");
            }

            r.Position = end - 1;
            return r.ReadByte();
        }

        public static byte[] ReadInnerOctets(AxdrReader r)
        {
            r.ReadByte(); // inner tag (04 OCTET STRING, 80 charstring)
            return r.ReadOctetString();
        }

        public static int ReadInteger(AxdrReader r)
        {
            if (r.ReadByte() != 0x02)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "INTEGER expected");
            }

            int n = r.ReadLength();
            int value = 0;
            for (int i = 0; i < n; i++)
            {
                value = (value << 8) | r.ReadByte();
            }

            return value;
        }

        public static void WriteInteger(AxdrWriter w, int value)
        {
            w.WriteByte(0x02);
            w.WriteByte(0x01);
            w.WriteByte(value);
        }
    }

    /// <summary>AARQ (A-ASSOCIATE request) with LN referencing (Green Book §9.3, ACSE).</summary>
    public sealed class AssociationRequest : Apdu, IBerFields
    {
        public override byte Tag => ApduTag.Aarq;
        /// <summary>1 = LN, 3 = LN with ciphering (2/4 are SN, which this library does not speak).</summary>
        public int ApplicationContext { get; set; } = 1;
        public bool Ciphered => ApplicationContext == 3 || ApplicationContext == 4;
        /// <summary>Client system title (8 bytes) when ciphering, else null.</summary>
        public byte[] CallingApTitle { get; set; }
        public int Mechanism { get; set; } = AuthenticationMechanism.None;
        /// <summary>LLS password or HLS challenge CtoS.</summary>
        public byte[] CallingAuthenticationValue { get; set; }
        /// <summary>The encoded xDLMS InitiateRequest (plain or glo-/ded-ciphered).</summary>
        public byte[] UserInformation { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            int len = Ber.Open(w);
            Ber.WriteOid(w, 0xA1, 1, ApplicationContext);
            Ber.WriteAssociationTail(w, 0xA6, CallingApTitle, 0x8A, Mechanism, CallingAuthenticationValue, UserInformation, len);
        }

        internal static AssociationRequest Read(AxdrReader r)
        {
            var a = new AssociationRequest();
            Ber.ReadFields(r, a);
            return a;
        }

        void IBerFields.ReadField(AxdrReader r, int tag, int length, int next)
        {
            switch (tag)
            {
                case 0xA1: ApplicationContext = Ber.ReadOidLast(r, next); break;
                case 0xA6: CallingApTitle = Ber.ReadInnerOctets(r); break;
                case 0x8B: Mechanism = Ber.ReadOidLast(r, next); break;
                case 0xAC: CallingAuthenticationValue = Ber.ReadInnerOctets(r); break;
                case 0xBE: UserInformation = Ber.ReadInnerOctets(r); break;
            }
        }
    }

    /// <summary>AARE (A-ASSOCIATE response).</summary>
    public sealed class AssociationResponse : Apdu, IBerFields
    {
        public const int Accepted = 0, RejectedPermanent = 1, RejectedTransient = 2;
        /// <summary>acse-service-user diagnostics.</summary>
        public const int DiagnosticNull = 0, NoReasonGiven = 1, ApplicationContextNotSupported = 2,
            AuthenticationMechanismNotRecognised = 11, AuthenticationMechanismRequired = 12,
            AuthenticationFailure = 13, AuthenticationRequired = 14;

        public override byte Tag => ApduTag.Aare;
        public int ApplicationContext { get; set; } = 1;
        public int Result { get; set; }
        /// <summary>1 = acse-service-user, 2 = acse-service-provider.</summary>
        public int DiagnosticSource { get; set; } = 1;
        public int Diagnostic { get; set; }
        public byte[] RespondingApTitle { get; set; }
        public int Mechanism { get; set; } = AuthenticationMechanism.None;
        /// <summary>HLS challenge StoC.</summary>
        public byte[] RespondingAuthenticationValue { get; set; }
        /// <summary>The encoded xDLMS InitiateResponse or confirmed-service-error (plain or ciphered).</summary>
        public byte[] UserInformation { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            int len = Ber.Open(w);
            Ber.WriteOid(w, 0xA1, 1, ApplicationContext);
            w.WriteByte(0xA2);
            w.WriteByte(0x03);
            Ber.WriteInteger(w, Result);
            w.WriteByte(0xA3);
            w.WriteByte(0x05);
            w.WriteByte(DiagnosticSource == 2 ? 0xA2 : 0xA1);
            w.WriteByte(0x03);
            Ber.WriteInteger(w, Diagnostic);
            Ber.WriteAssociationTail(w, 0xA4, RespondingApTitle, 0x88, Mechanism, RespondingAuthenticationValue, UserInformation, len);
        }

        internal static AssociationResponse Read(AxdrReader r)
        {
            var a = new AssociationResponse();
            Ber.ReadFields(r, a);
            return a;
        }

        void IBerFields.ReadField(AxdrReader r, int tag, int length, int next)
        {
            switch (tag)
            {
                case 0xA1: ApplicationContext = Ber.ReadOidLast(r, next); break;
                case 0xA2: Result = Ber.ReadInteger(r); break;
                case 0xA3:
                    DiagnosticSource = r.ReadByte() == 0xA2 ? 2 : 1;
                    r.ReadLength();
                    Diagnostic = Ber.ReadInteger(r);
                    break;
                case 0xA4: RespondingApTitle = Ber.ReadInnerOctets(r); break;
                case 0x89: Mechanism = Ber.ReadOidLast(r, next); break;
                case 0xAA: RespondingAuthenticationValue = Ber.ReadInnerOctets(r); break;
                case 0xBE: UserInformation = Ber.ReadInnerOctets(r); break;
            }
        }
    }

    /// <summary>RLRQ (A-RELEASE request) and RLRE (A-RELEASE response): reason and optional user-information.</summary>
    public sealed class ReleaseApdu : Apdu, IBerFields
    {
        private readonly byte _tag;

        public ReleaseApdu(bool request)
        {
            _tag = request ? ApduTag.Rlrq : ApduTag.Rlre;
        }

        public override byte Tag => _tag;
        /// <summary>0 normal, 1 urgent (request) / not-finished (response), 30 user-defined; -1 when absent.</summary>
        public int Reason { get; set; } = 0;
        public byte[] UserInformation { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            int len = Ber.Open(w);
            if (Reason >= 0)
            {
                w.WriteByte(0x80);
                w.WriteByte(0x01);
                w.WriteByte(Reason);
            }

            Ber.WriteUserInformation(w, UserInformation);
            Ber.Close(w, len);
        }

        internal static ReleaseApdu Read(AxdrReader r, bool request)
        {
            var a = new ReleaseApdu(request) { Reason = -1 };
            Ber.ReadFields(r, a);
            return a;
        }

        void IBerFields.ReadField(AxdrReader r, int tag, int length, int next)
        {
            if (tag == 0x80 && length >= 1)
            {
                Reason = r.ReadByte();
            }
            else if (tag == 0xBE)
            {
                UserInformation = Ber.ReadInnerOctets(r);
            }
        }
    }
}
