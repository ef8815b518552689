using OpenAmi.Prepaid.Entry;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Prepaid.Sts
{
    /// <summary>One token on its way to (or already handled by) a meter.</summary>
    public sealed class StsQueueEntry
    {
        public string MeterId;
        public string Digits;
        public StsTokenEncoding Encoding;
        public TokenSource Source;
        public string RequestId;
        public string Account;

        /// <summary>The meter answered "received, not yet processed": read its status instead of entering again.</summary>
        public bool AwaitingStatus;

        /// <summary>
        /// Persisted before the first delivery: from then on the meter may have credited the token although its
        /// answer never arrived or was never stored (a timeout, a power cut).
        /// </summary>
        public bool Delivering;

        /// <summary>Final status once handled (token memory only).</summary>
        public TokenDeliveryStatus Status;

        public bool SameToken(string meterId, string digits)
        {
            return MeterId == meterId && Digits == digits;
        }
    }
}
