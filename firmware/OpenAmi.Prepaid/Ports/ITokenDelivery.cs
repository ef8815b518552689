namespace OpenAmi.Prepaid.Ports
{
    /// <summary>
    /// Carries an encoded STS token to a meter's Token gateway (COSEM interface class 115, method 1
    /// <c>enter</c>) and reads its <c>token_status</c> back. The gateway wires this to the DLMS client;
    /// Prepaid knows nothing of DLMS. Implementations return <see cref="TokenDeliveryStatus.Unreachable"/>
    /// (never throw) when the meter cannot be reached, so the token stays queued.
    /// </summary>
    public interface ITokenDelivery
    {
        TokenDeliveryStatus Deliver(string meterId, byte[] token, int offset, int count);

        /// <summary>Reads the meter's token status again after a <see cref="TokenDeliveryStatus.Pending"/> answer.</summary>
        TokenDeliveryStatus ReadStatus(string meterId);
    }

    public enum TokenDeliveryStatus
    {
        Accepted = 0,
        FormatFailure = 1,
        AuthenticationFailure = 2,
        /// <summary>The meter's token memory already holds this token.</summary>
        Used = 3,
        /// <summary>The token is older than everything in the meter's token memory.</summary>
        Old = 4,
        /// <summary>Validation failed without a finer reason (generic class-115 code 6).</summary>
        ValidationFailure = 5,
        ExecutionFailure = 6,
        /// <summary>Received but not processed yet: read the status again later.</summary>
        Pending = 7,
        Unreachable = 8,
        /// <summary>The token's CRC does not match its data (STS token result 13).</summary>
        CrcError = 9,
        /// <summary>A class 1 token for meters of another manufacturer (STS token result 14).</summary>
        ManufacturerCodeError = 10,
    }

    /// <summary>
    /// Maps the class-115 <c>token_status</c> status_code enum to a delivery status. Values (DLMS Blue Book,
    /// IC 115 token_status; as listed e.g. in Gurux.DLMS.Delphi Development/Gurux.DLMS.TokenStatusCode.pas):
    /// 0 format OK, 1 authentication OK, 2 validation OK, 3 execution OK, 4 format failure,
    /// 5 authentication failure, 6 validation failure, 7 execution failure, 8 received, not yet processed.
    /// The finer reason (used, old, CRC, manufacturer code) sits in the vendor-specific data_value: see
    /// <see cref="StsTokenResult"/>.
    /// </summary>
    public static class TokenGatewayStatusCodes
    {
        /// <summary>
        /// The status of a token_status answer: <paramref name="statusCode"/> decides, and a failure (4–7) is made
        /// finer by <paramref name="stsResult"/>, the STS token result in data_value (0 when the meter gives none).
        /// </summary>
        public static TokenDeliveryStatus ToDeliveryStatus(int statusCode, int stsResult)
        {
            TokenDeliveryStatus generic = ToDeliveryStatus(statusCode);
            bool failure = statusCode >= 4 && statusCode <= 7;
            return failure ? StsTokenResult.Refine(generic, stsResult) : generic;
        }

        public static TokenDeliveryStatus ToDeliveryStatus(int statusCode)
        {
            switch (statusCode)
            {
                case 3: return TokenDeliveryStatus.Accepted;
                case 4: return TokenDeliveryStatus.FormatFailure;
                case 5: return TokenDeliveryStatus.AuthenticationFailure;
                case 6: return TokenDeliveryStatus.ValidationFailure;
                case 7: return TokenDeliveryStatus.ExecutionFailure;
                case 0:
                case 1:
                case 2:
                case 8:
                    return TokenDeliveryStatus.Pending;
                default:
                    return TokenDeliveryStatus.ExecutionFailure;
            }
        }
    }
}
