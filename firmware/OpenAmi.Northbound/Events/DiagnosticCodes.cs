namespace OpenAmi.Northbound.Events
{
    /// <summary>The "code" values of diagnostic events (docs/northbound.md, "Events").</summary>
    public static class DiagnosticCodes
    {
        /// <summary>The replay table had a damaged slot at boot; detail is the new floor (ISO time): commands issued up to it are refused.</summary>
        public const string ReplayRecordDamaged = "replay_record_damaged";

        /// <summary>A configured meter answers only at its model's factory link settings; detail names them and the commissioning step.</summary>
        public const string MeterAtFactorySettings = "meter_at_factory_settings";
    }
}
