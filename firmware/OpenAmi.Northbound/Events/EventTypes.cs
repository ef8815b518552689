namespace OpenAmi.Northbound.Events
{
    /// <summary>The "type" values of event payloads (docs/northbound.md, "Events").</summary>
    public static class EventTypes
    {
        public const string Tamper = "tamper";
        public const string RcmTrip = "rcm_trip";
        public const string RcmRestore = "rcm_restore";
        public const string RcmFault = "rcm_fault";
        public const string RcmLockout = "rcm_lockout";
        public const string RcmRefused = "rcm_refused";
        public const string RcmSelfTest = "rcm_self_test";
        public const string TokenAccepted = "token_accepted";
        public const string TokenRejected = "token_rejected";
        public const string CommsLost = "comms_lost";
        public const string CommsRestored = "comms_restored";
        public const string EnergyImbalance = "energy_imbalance";
        public const string ZeroConsumptionWithVoltage = "zero_consumption_with_voltage";
        public const string ReverseEnergy = "reverse_energy";
        public const string ClockAdjusted = "clock_adjusted";
        public const string MeterRegistered = "meter_registered";
        public const string ProfileMismatch = "profile_mismatch";
        public const string DataGap = "data_gap";
        public const string CommandAck = "command_ack";
        public const string GatewayFault = "gateway_fault";
        public const string Diagnostic = "diagnostic";

        public static readonly string[] All =
        {
            Tamper, RcmTrip, RcmRestore, RcmFault, RcmLockout, RcmRefused, RcmSelfTest, TokenAccepted, TokenRejected, CommsLost, CommsRestored,
            EnergyImbalance, ZeroConsumptionWithVoltage, ReverseEnergy, ClockAdjusted, MeterRegistered, ProfileMismatch, DataGap, CommandAck, GatewayFault, Diagnostic,
        };
    }
}
