namespace OpenAmi.Safety.Policy
{
    /// <summary>Who asks for a line to be put back on. Every source goes through the same policy.</summary>
    public enum ReenergiseSource
    {
        RemoteReconnect = 1,
        Keypad = 2,
        CreditTopUp = 3,
        AutomaticRetry = 4,
    }

    /// <summary>Why a request was refused (None when a probe re-closure was started or the line is already on).</summary>
    public enum RefusalReason
    {
        None = 0,

        /// <summary>Locked out after repeated re-trips, a welded SSR or an unreadable safety record: local reset needed.</summary>
        LockedOut = 1,

        /// <summary>This request would exceed N probe re-closures in T; the line is now locked out.</summary>
        AttemptLimit = 2,

        SelfTestFailed = 3,
        SensorFault = 4,
        SsrWelded = 5,
        ProbeInProgress = 6,
        AlreadyOn = 7,

        /// <summary>The probe re-closure tripped again: the earth leakage persists (the attempt counts).</summary>
        RetrippedOnProbe = 8,
    }

    /// <summary>The answer to a re-energise request.</summary>
    public sealed class ReenergiseDecision
    {
        private ReenergiseDecision(bool probeStarted, RefusalReason reason)
        {
            ProbeStarted = probeStarted;
            Reason = reason;
        }

        /// <summary>The line was closed with the fast path armed; it becomes On if it survives the probe window.</summary>
        public bool ProbeStarted { get; }

        public RefusalReason Reason { get; }

        public bool Refused => !ProbeStarted && Reason != RefusalReason.AlreadyOn;

        public static ReenergiseDecision Probing() => new ReenergiseDecision(true, RefusalReason.None);

        public static ReenergiseDecision Refuse(RefusalReason reason) => new ReenergiseDecision(false, reason);

        public static string Name(RefusalReason reason)
        {
            switch (reason)
            {
                case RefusalReason.LockedOut: return "locked_out";
                case RefusalReason.AttemptLimit: return "attempt_limit";
                case RefusalReason.SelfTestFailed: return "self_test_failed";
                case RefusalReason.SensorFault: return "sensor_fault";
                case RefusalReason.SsrWelded: return "ssr_welded";
                case RefusalReason.ProbeInProgress: return "probe_in_progress";
                case RefusalReason.AlreadyOn: return "already_on";
                case RefusalReason.RetrippedOnProbe: return "leakage_persists";
                default: return "none";
            }
        }
    }

    /// <summary>
    /// The only way anything outside Safety can ask for a line to be energised. Northbound and Prepaid receive this
    /// interface (through the Gateway), never the line switch.
    /// </summary>
    public interface IReenergiseGate
    {
        ReenergiseDecision Request(int line, ReenergiseSource source);
    }
}
