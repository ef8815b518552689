namespace OpenAmi.Northbound.Events
{
    /// <summary>The "code" values of diagnostic events (docs/northbound.md, "Events").</summary>
    public static class DiagnosticCodes
    {
        /// <summary>The replay table had a damaged slot at boot; detail is the new floor (ISO time): commands issued up to it are refused.</summary>
        public const string ReplayRecordDamaged = "replay_record_damaged";

        /// <summary>A configured meter answers only at its model's factory link settings; detail names them and the commissioning step.</summary>
        public const string MeterAtFactorySettings = "meter_at_factory_settings";

        /// <summary>A DLMS meter's release failed or was answered malformed; the link was closed anyway, readings kept.</summary>
        public const string DlmsReleaseFailed = "dlms_release_failed";

        /// <summary>A DLMS meter's with-list answer did not parse; it is read item by item from now on.</summary>
        public const string DlmsWithListFallback = "dlms_with_list_fallback";

        /// <summary>A DLMS meter's malformed answer was read as a known peer defect.</summary>
        public const string DlmsPeerQuirk = "dlms_peer_quirk";
    }
}
