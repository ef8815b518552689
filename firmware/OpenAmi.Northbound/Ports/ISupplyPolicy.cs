namespace OpenAmi.Northbound.Ports
{
    /// <summary>What the safety policy answered to a reconnect request.</summary>
    public enum SupplyAnswer
    {
        /// <summary>The policy will re-energise (it runs its own self-test and probe first).</summary>
        Granted = 0,

        /// <summary>Refused: lockout after earth leakage, failed self-test, or any other safety reason.</summary>
        Refused = 1,
    }

    /// <summary>
    /// The only way a remote command can ask for supply to be restored. The gateway wires it to OpenAmi.Safety's
    /// re-energise policy; a remote command can request, never override (a lockout stays a lockout).
    /// </summary>
    public interface ISupplyPolicy
    {
        /// <param name="meterSerial">The meter whose supply line is asked for.</param>
        /// <param name="reason">Set to a short reason when refused (e.g. "rcm_lockout").</param>
        SupplyAnswer RequestReconnect(string meterSerial, out string reason);
    }
}
