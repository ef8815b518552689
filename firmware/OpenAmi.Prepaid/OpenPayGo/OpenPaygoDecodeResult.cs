namespace OpenAmi.Prepaid.OpenPayGo
{
    public enum OpenPaygoDecodeStatus
    {
        Valid = 0,
        /// <summary>No count in the search window produces this token.</summary>
        Invalid = 1,
        /// <summary>The token is genuine but its count is already used or too old.</summary>
        AlreadyUsed = 2,
        /// <summary>Not a token of this line's format (length, digit set, range).</summary>
        Malformed = 3,
    }

    /// <summary>Outcome of one decode; <see cref="HashCalls"/> is the cost in SipHash invocations.</summary>
    public struct OpenPaygoDecodeResult
    {
        public OpenPaygoDecodeStatus Status;
        public OpenPaygoTokenType Type;
        public long Value;
        public int Count;
        public long HashCalls;

        /// <summary>Machine-readable reason when not valid: invalid, used, old, wrong_length, bad_digit, out_of_range, reserved_value.</summary>
        public string Reason;

        public bool IsValid
        {
            get { return Status == OpenPaygoDecodeStatus.Valid; }
        }
    }
}
