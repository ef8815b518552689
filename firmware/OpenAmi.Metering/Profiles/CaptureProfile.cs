namespace OpenAmi.Metering.Profiles
{
    /// <summary>What a Profile generic (class 7) object records: intervals of a load profile, or billing-period values.</summary>
    public enum CaptureProfileKind
    {
        /// <summary>Captured every capture_period (15–60 min): the series gap-free telemetry is rebuilt from.</summary>
        Load,

        /// <summary>Captured once per billing period (e.g. a day at midnight meter time).</summary>
        Billing,
    }

    /// <summary>
    /// One Profile generic object of a DLMS meter model and the VMRS registers it captures. Each column names the
    /// captured attribute (class, logical name, attribute) the way the meter's capture_objects list it; the column is
    /// found by that reference at read time, so the order the meter captures in does not matter.
    /// </summary>
    public sealed class CaptureProfile
    {
        public CaptureProfile(byte[] logicalName, CaptureProfileKind kind, ProfileItem[] columns)
        {
            LogicalName = logicalName;
            Kind = kind;
            Columns = columns;
        }

        /// <summary>The class 7 object (six bytes A..F).</summary>
        public byte[] LogicalName { get; }

        public CaptureProfileKind Kind { get; }

        /// <summary>The VMRS registers captured, with a scaler/unit override where the model's scaler_unit is known to be wrong.</summary>
        public ProfileItem[] Columns { get; }
    }
}
