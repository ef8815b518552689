using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.OpenPayGo;

namespace OpenAmi.Prepaid.Entry
{
    public enum TokenSource
    {
        Keypad = 0,
        Remote = 1,
    }

    public enum TokenOutcomeKind
    {
        Accepted = 0,
        Rejected = 1,
        /// <summary>STS only: stored and waiting for the meter; a final Accepted/Rejected follows.</summary>
        Queued = 2,
    }

    /// <summary>
    /// What became of one token entry, as plain data. Northbound turns Accepted into <c>token_accepted</c>
    /// and Rejected into <c>token_rejected</c> with <see cref="Reason"/>; Queued is an interim answer.
    /// </summary>
    public sealed class TokenOutcome
    {
        public TokenSource Source;
        public string RequestId;
        public string Account;
        public TokenOutcomeKind Kind;

        /// <summary>accepted, queued, unknown_account, malformed_token, not_a_token, reserved_class, crc, manufacturer_code, invalid, already_used, used, old, format_failure, authentication_failure, validation_failure, execution_failure, queue_full, storage_failure, lockout, reserved_value.</summary>
        public string Reason;

        public KeypadFeedback Feedback;

        /// <summary>"sts" or "openpaygo".</summary>
        public string Scheme;

        /// <summary>STS token class 0–3, or -1.</summary>
        public int StsClass = -1;

        public OpenPaygoTokenType OpenPaygoType;
        public long Value;
        public int Count;

        /// <summary>True when the entry was refused for being wrong (counts towards the keypad lockout).</summary>
        public bool CountsAsInvalid;

        public string EventName
        {
            get
            {
                if (Kind == TokenOutcomeKind.Accepted) return "token_accepted";
                if (Kind == TokenOutcomeKind.Rejected) return "token_rejected";
                return "token_queued";
            }
        }
    }
}
