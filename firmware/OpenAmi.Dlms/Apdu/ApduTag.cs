namespace OpenAmi.Dlms.Apdu
{
    /// <summary>xDLMS / ACSE APDU tags (Green Book, DLMS UA 1000-2, xDLMS APDU ASN.1).</summary>
    public static class ApduTag
    {
        public const byte InitiateRequest = 0x01;
        public const byte InitiateResponse = 0x08;
        public const byte ConfirmedServiceError = 0x0E;
        public const byte DataNotification = 0x0F;
        public const byte GloInitiateRequest = 0x21;
        public const byte GloInitiateResponse = 0x28;
        public const byte GloConfirmedServiceError = 0x2E;
        public const byte DedInitiateRequest = 0x41;
        public const byte DedInitiateResponse = 0x48;
        public const byte DedConfirmedServiceError = 0x4E;
        public const byte Aarq = 0x60;
        public const byte Aare = 0x61;
        public const byte Rlrq = 0x62;
        public const byte Rlre = 0x63;
        public const byte GetRequest = 0xC0;
        public const byte SetRequest = 0xC1;
        public const byte EventNotificationRequest = 0xC2;
        public const byte ActionRequest = 0xC3;
        public const byte GetResponse = 0xC4;
        public const byte SetResponse = 0xC5;
        public const byte ActionResponse = 0xC7;
        public const byte GloGetRequest = 0xC8;
        public const byte GloSetRequest = 0xC9;
        public const byte GloEventNotification = 0xCA;
        public const byte GloActionRequest = 0xCB;
        public const byte GloGetResponse = 0xCC;
        public const byte GloSetResponse = 0xCD;
        public const byte GloActionResponse = 0xCF;
        public const byte DedGetRequest = 0xD0;
        public const byte DedSetRequest = 0xD1;
        public const byte DedEventNotification = 0xD2;
        public const byte DedActionRequest = 0xD3;
        public const byte DedGetResponse = 0xD4;
        public const byte DedSetResponse = 0xD5;
        public const byte DedActionResponse = 0xD7;
        public const byte ExceptionResponse = 0xD8;
        public const byte GeneralGloCiphering = 0xDB;
        public const byte GeneralDedCiphering = 0xDC;
        public const byte GeneralBlockTransfer = 0xE0;

        /// <summary>True for the service-specific glo-/ded- tags and general-glo/ded-ciphering.</summary>
        public static bool IsCiphered(byte tag) =>
            tag == GloInitiateRequest || tag == GloInitiateResponse || tag == GloConfirmedServiceError ||
            tag == DedInitiateRequest || tag == DedInitiateResponse || tag == DedConfirmedServiceError ||
            (tag >= GloGetRequest && tag <= DedActionResponse && tag != 0xCE && tag != 0xD6) ||
            tag == GeneralGloCiphering || tag == GeneralDedCiphering;

        /// <summary>The glo- (global key) tag protecting a plain tag, or 0 if none exists.</summary>
        public static byte GlobalFor(byte plain)
        {
            if (plain >= GetRequest && plain <= ActionResponse && plain != 0xC6)
            {
                return (byte)(plain + 8);
            }

            return plain == InitiateRequest || plain == InitiateResponse || plain == ConfirmedServiceError ? (byte)(plain + 0x20) : (byte)0;
        }

        /// <summary>The ded- (dedicated key) tag protecting a plain tag, or 0 if none exists.</summary>
        public static byte DedicatedFor(byte plain)
        {
            if (plain >= GetRequest && plain <= ActionResponse && plain != 0xC6)
            {
                return (byte)(plain + 0x10);
            }

            return plain == InitiateRequest || plain == InitiateResponse || plain == ConfirmedServiceError ? (byte)(plain + 0x40) : (byte)0;
        }

        /// <summary>The ASN.1 name in kebab case, as the decoder prints it.</summary>
        public static string Name(byte tag)
        {
            switch (tag)
            {
                case InitiateRequest: return "initiate-request";
                case InitiateResponse: return "initiate-response";
                case ConfirmedServiceError: return "confirmed-service-error";
                case DataNotification: return "data-notification";
                case GloInitiateRequest: return "glo-initiate-request";
                case GloInitiateResponse: return "glo-initiate-response";
                case GloConfirmedServiceError: return "glo-confirmed-service-error";
                case DedInitiateRequest: return "ded-initiate-request";
                case DedInitiateResponse: return "ded-initiate-response";
                case DedConfirmedServiceError: return "ded-confirmed-service-error";
                case Aarq: return "aarq";
                case Aare: return "aare";
                case Rlrq: return "rlrq";
                case Rlre: return "rlre";
                case GetRequest: return "get-request";
                case SetRequest: return "set-request";
                case EventNotificationRequest: return "event-notification-request";
                case ActionRequest: return "action-request";
                case GetResponse: return "get-response";
                case SetResponse: return "set-response";
                case ActionResponse: return "action-response";
                case GloGetRequest: return "glo-get-request";
                case GloSetRequest: return "glo-set-request";
                case GloEventNotification: return "glo-event-notification-request";
                case GloActionRequest: return "glo-action-request";
                case GloGetResponse: return "glo-get-response";
                case GloSetResponse: return "glo-set-response";
                case GloActionResponse: return "glo-action-response";
                case DedGetRequest: return "ded-get-request";
                case DedSetRequest: return "ded-set-request";
                case DedEventNotification: return "ded-event-notification-request";
                case DedActionRequest: return "ded-action-request";
                case DedGetResponse: return "ded-get-response";
                case DedSetResponse: return "ded-set-response";
                case DedActionResponse: return "ded-action-response";
                case ExceptionResponse: return "exception-response";
                case GeneralGloCiphering: return "general-glo-ciphering";
                case GeneralDedCiphering: return "general-ded-ciphering";
                case GeneralBlockTransfer: return "general-block-transfer";
                default: return "unknown";
            }
        }
    }

    /// <summary>Data-access-result (GET/SET) and action-result (ACTION) values.</summary>
    public static class AccessResult
    {
        public const int Success = 0;
        public const int HardwareFault = 1;
        public const int TemporaryFailure = 2;
        public const int ReadWriteDenied = 3;
        public const int ObjectUndefined = 4;
        public const int ObjectClassInconsistent = 9;
        public const int ObjectUnavailable = 11;
        public const int TypeUnmatched = 12;
        public const int ScopeOfAccessViolated = 13;
        public const int DataBlockUnavailable = 14;
        public const int LongGetAborted = 15;
        public const int NoLongGetInProgress = 16;
        public const int LongSetAborted = 17;
        public const int NoLongSetInProgress = 18;
        public const int DataBlockNumberInvalid = 19;
        public const int OtherReason = 250;

        public static string Name(int result)
        {
            switch (result)
            {
                case Success: return "success";
                case HardwareFault: return "hardware-fault";
                case TemporaryFailure: return "temporary-failure";
                case ReadWriteDenied: return "read-write-denied";
                case ObjectUndefined: return "object-undefined";
                case ObjectClassInconsistent: return "object-class-inconsistent";
                case ObjectUnavailable: return "object-unavailable";
                case TypeUnmatched: return "type-unmatched";
                case ScopeOfAccessViolated: return "scope-of-access-violated";
                case DataBlockUnavailable: return "data-block-unavailable";
                case LongGetAborted: return "long-get-aborted";
                case NoLongGetInProgress: return "no-long-get-in-progress";
                case LongSetAborted: return "long-set-aborted";
                case NoLongSetInProgress: return "no-long-set-in-progress";
                case DataBlockNumberInvalid: return "data-block-number-invalid";
                case OtherReason: return "other-reason";
                default: return "result-" + result;
            }
        }
    }
}
