namespace OpenAmi.Prepaid.Ports
{
    /// <summary>
    /// Prepaid's only say over a board-switched line: whether credit wants it supplied. The gateway routes
    /// this into OpenAmi.Safety's re-energise policy, which alone drives the relay: "wanted" is a request
    /// that safety may refuse (leakage lockout, failed self-test), "not wanted" is always honoured.
    /// Prepaid never drives a relay and never learns of safety holds.
    /// </summary>
    public interface ILineSupplyRequest
    {
        /// <param name="line">Tenant line number (as configured on the board).</param>
        /// <param name="wanted">True: credit allows supply. False: credit expired or PAYG re-locked.</param>
        /// <param name="reason">credit_added, credit_set, payg_disabled, credit_expired, restored.</param>
        void RequestSupply(int line, bool wanted, string reason);
    }
}
