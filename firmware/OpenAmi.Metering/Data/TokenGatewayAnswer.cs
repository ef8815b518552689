namespace OpenAmi.Metering.Data
{
    /// <summary>
    /// What a meter's Token gateway (COSEM interface class 115) said about the last token: its <c>token_status</c>
    /// status_code and the STS token result a meter may put in data_value. Prepaid's side gives the codes their meaning.
    /// </summary>
    public sealed class TokenGatewayAnswer
    {
        /// <summary>No STS token result in data_value.</summary>
        public const int NoTokenResult = 0;

        public TokenGatewayAnswer(ReadStatus status, int statusCode, int tokenResult, bool enteredUnconfirmed)
        {
            Status = status;
            StatusCode = statusCode;
            TokenResult = tokenResult;
            EnteredUnconfirmed = enteredUnconfirmed;
        }

        /// <summary>Ok when token_status was read; otherwise why not (a silence, no token gateway, an odd answer).</summary>
        public ReadStatus Status { get; }

        /// <summary>token_status status_code (DLMS Blue Book IC 115, 0 … 8); meaningful only when <see cref="Status"/> is Ok.</summary>
        public int StatusCode { get; }

        /// <summary>The first octet of token_status data_value (the meter's STS token result), or <see cref="NoTokenResult"/>.</summary>
        public int TokenResult { get; }

        /// <summary>The meter answered <c>enter</c> but its token_status answer got lost: ask again later, do not send the token twice.</summary>
        public bool EnteredUnconfirmed { get; }
    }
}
