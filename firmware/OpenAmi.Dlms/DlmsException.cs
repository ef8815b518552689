using System;

namespace OpenAmi.Dlms
{
    /// <summary>What went wrong, as a number a caller can switch on (never parse the message).</summary>
    public enum DlmsErrorCode
    {
        /// <summary>Bytes that do not form a valid HDLC frame, APDU or A-XDR value.</summary>
        Malformed = 1,
        /// <summary>A declared length, depth or count beyond the configured limits.</summary>
        LimitExceeded = 2,
        /// <summary>A caller-owned buffer is too small for what must be written into it.</summary>
        BufferTooSmall = 3,
        /// <summary>No (valid) answer within the response timeout, after all retries.</summary>
        Timeout = 4,
        /// <summary>The meter answered the connect request with DM or refused the link.</summary>
        LinkRefused = 5,
        /// <summary>The meter rejected a frame (FRMR) or broke the HDLC sequence rules.</summary>
        LinkProtocol = 6,
        /// <summary>AARE result was not "accepted".</summary>
        AssociationRejected = 7,
        /// <summary>HLS pass 3/4 failed or the server's f(CtoS) did not verify.</summary>
        AuthenticationFailed = 8,
        /// <summary>A GET/SET data-access-result other than success (see DlmsAccessException.Result).</summary>
        AccessDenied = 9,
        /// <summary>An ACTION action-result other than success.</summary>
        ActionFailed = 10,
        /// <summary>The server sent an exception-response.</summary>
        ExceptionResponse = 11,
        /// <summary>The server sent a confirmed-service-error.</summary>
        ConfirmedServiceError = 12,
        /// <summary>A ciphered APDU failed its GCM tag, or its invocation counter went backwards.</summary>
        DecipheringFailed = 13,
        /// <summary>The answer does not match the request (wrong APDU, wrong invoke-id, wrong block number).</summary>
        UnexpectedResponse = 14,
        /// <summary>A request the negotiated association does not allow (conformance, state, missing keys).</summary>
        NotSupported = 15,
        /// <summary>IEC 62056-21 message error (bad identification, BCC mismatch).</summary>
        Iec21Protocol = 16,
        /// <summary>Text that is not a valid OBIS code or other identifier.</summary>
        InvalidArgument = 17,
    }

    /// <summary>The one exception type the DLMS library throws for bad input, protocol errors and refusals.</summary>
    public class DlmsException : Exception
    {
        public DlmsException(DlmsErrorCode code, string message) : base(message)
        {
            Code = code;
        }

        public DlmsErrorCode Code { get; }
    }

    /// <summary>A GET, SET or ACTION that the meter answered with a data-access-result or action-result error.</summary>
    public class DlmsAccessException : DlmsException
    {
        public DlmsAccessException(DlmsErrorCode code, int result, string message) : base(code, message)
        {
            Result = result;
        }

        /// <summary>The data-access-result (GET/SET) or action-result (ACTION) enumeration value.</summary>
        public int Result { get; }
    }
}

namespace OpenAmi.Dlms
{
    /// <summary>
    /// The meter refused our invocation counter (exception-response invocation-counter-error) and named the lowest
    /// value it accepts; a caller may continue from <see cref="Expected"/> once it trusts the meter.
    /// </summary>
    public class DlmsInvocationCounterException : DlmsException
    {
        public DlmsInvocationCounterException(uint expected, string message) : base(DlmsErrorCode.ExceptionResponse, message)
        {
            Expected = expected;
        }

        /// <summary>The invocation counter the meter expects next (from its exception-response).</summary>
        public uint Expected { get; }
    }
}
