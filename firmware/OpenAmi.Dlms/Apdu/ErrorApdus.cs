using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Apdu
{
    /// <summary>ExceptionResponse (Green Book): state-error and service-error, sent instead of a confirmed answer.</summary>
    public sealed class ExceptionResponse : Apdu
    {
        public const int ServiceNotAllowed = 1, ServiceUnknown = 2;
        public const int OperationNotPossible = 1, ServiceNotSupported = 2, OtherReason = 3, PduTooLong = 4,
            DecipheringError = 5, InvocationCounterError = 6;

        public override byte Tag => ApduTag.ExceptionResponse;
        public int StateError { get; set; }
        public int ServiceError { get; set; }
        /// <summary>The server's expected invocation counter, with <see cref="InvocationCounterError"/>.</summary>
        public uint InvocationCounter { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteByte(StateError);
            w.WriteByte(ServiceError);
            if (ServiceError == InvocationCounterError)
            {
                w.WriteUInt32(InvocationCounter);
            }
        }

        internal static ExceptionResponse Read(AxdrReader r)
        {
            var a = new ExceptionResponse { StateError = r.ReadByte(), ServiceError = r.ReadByte() };
            if (a.ServiceError == InvocationCounterError)
            {
                a.InvocationCounter = r.ReadUInt32();
            }

            return a;
        }

        public static string StateErrorName(int value) =>
            value == ServiceNotAllowed ? "service-not-allowed" : value == ServiceUnknown ? "service-unknown" : "state-error-" + value;

        public static string ServiceErrorName(int value)
        {
            switch (value)
            {
                case OperationNotPossible: return "operation-not-possible";
                case ServiceNotSupported: return "service-not-supported";
                case OtherReason: return "other-reason";
                case PduTooLong: return "pdu-too-long";
                case DecipheringError: return "deciphering-error";
                case InvocationCounterError: return "invocation-counter-error";
                default: return "service-error-" + value;
            }
        }
    }

    /// <summary>ConfirmedServiceError: which service failed, the ServiceError class and its value.</summary>
    public sealed class ConfirmedServiceError : Apdu
    {
        /// <summary>ConfirmedServiceError CHOICE: 1 initiateError, 5 read, 6 write …</summary>
        public const int InitiateError = 1, ReadService = 5, WriteService = 6;
        /// <summary>ServiceError CHOICE: 6 initiate (values: 0 other, 1 dlms-version-too-low, 2 incompatible-conformance, 3 pdu-size-too-short, 4 refused-by-the-VDE-Handler).</summary>
        public const int ErrorInitiate = 6;

        public override byte Tag => ApduTag.ConfirmedServiceError;
        public int Service { get; set; }
        public int ErrorType { get; set; }
        public int Value { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteByte(Service);
            w.WriteByte(ErrorType);
            w.WriteByte(Value);
        }

        internal static ConfirmedServiceError Read(AxdrReader r) =>
            new ConfirmedServiceError { Service = r.ReadByte(), ErrorType = r.ReadByte(), Value = r.ReadByte() };

        public static string ErrorTypeName(int value)
        {
            switch (value)
            {
                case 0: return "application-reference";
                case 1: return "hardware-resource";
                case 2: return "vde-state-error";
                case 3: return "service";
                case 4: return "definition";
                case 5: return "access";
                case 6: return "initiate";
                case 7: return "load-data-set";
                case 8: return "change-scope";
                case 9: return "task";
                case 10: return "other";
                default: return "error-" + value;
            }
        }
    }

    /// <summary>DataNotification (push): long-invoke-id-and-priority, optional date-time, body.</summary>
    public sealed class DataNotification : Apdu
    {
        public override byte Tag => ApduTag.DataNotification;
        public uint LongInvokeIdAndPriority { get; set; }
        /// <summary>12-byte COSEM date-time, or an empty array when absent.</summary>
        public byte[] DateTime { get; set; } = new byte[0];
        public DataValue Body { get; set; } = DataValue.Null;

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            w.WriteUInt32(LongInvokeIdAndPriority);
            w.WriteOctetString(DateTime);
            w.WriteData(Body);
        }

        internal static DataNotification Read(AxdrReader r)
        {
            var a = new DataNotification { LongInvokeIdAndPriority = r.ReadUInt32() };
            a.DateTime = r.ReadOctetString();
            a.Body = r.ReadData();
            return a;
        }
    }

    /// <summary>
    /// A protected APDU: service-specific glo-/ded- ciphering (tag, length, SC, IC, payload) or
    /// general-glo/ded-ciphering (tag, system-title, length, SC, IC, payload). The payload is the ciphertext
    /// (and/or plaintext) followed by the 12-byte authentication tag when authenticated.
    /// </summary>
    public sealed class CipheredApdu : Apdu
    {
        private readonly byte _tag;

        public CipheredApdu(byte tag)
        {
            _tag = tag;
        }

        public override byte Tag => _tag;
        public bool General => _tag == ApduTag.GeneralGloCiphering || _tag == ApduTag.GeneralDedCiphering;
        /// <summary>Sender's system title (general ciphering only; null otherwise).</summary>
        public byte[] SystemTitle { get; set; }
        public byte SecurityControl { get; set; }
        public uint InvocationCounter { get; set; }
        public byte[] Payload { get; set; }

        public override void Encode(AxdrWriter w)
        {
            w.WriteByte(Tag);
            if (General)
            {
                w.WriteOctetString(SystemTitle);
            }

            w.WriteLength(5 + Payload.Length);
            w.WriteByte(SecurityControl);
            w.WriteUInt32(InvocationCounter);
            w.WriteBytes(Payload, 0, Payload.Length);
        }

        internal static CipheredApdu Read(AxdrReader r, byte tag)
        {
            var a = new CipheredApdu(tag);
            if (a.General)
            {
                a.SystemTitle = r.ReadOctetString();
            }

            int length = r.ReadLength();
            if (length < 5)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "ciphered APDU shorter than its security header");
            }

            a.SecurityControl = r.ReadByte();
            a.InvocationCounter = r.ReadUInt32();
            a.Payload = r.ReadBytes(length - 5);
            return a;
        }
    }
}
