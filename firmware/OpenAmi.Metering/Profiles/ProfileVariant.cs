namespace OpenAmi.Metering.Profiles
{
    /// <summary>
    /// One register layout of a Modbus model that is sold under one name with different maps (units of the same
    /// model disagree on where energy lives or what it means). Registration reads the variant's registers and keeps
    /// the first variant whose answers are consistent (see docs/metering.md, "Profile variants").
    /// </summary>
    public sealed class ProfileVariant
    {
        public string Id { get; set; }

        /// <summary>Which document or field report describes this layout, and what tells it apart.</summary>
        public string Evidence { get; set; }

        /// <summary>Items this layout maps in addition to the profile's common items.</summary>
        public ProfileItem[] Items { get; set; } = VendorProfile.NoItems;

        /// <summary>
        /// A register holding import + export (the meter's combined total, OBIS 1-0:15.8.0), or null. When set, the
        /// variant fits only if its import and export registers add up to it: on the wrong layout they read 0 or other data.
        /// </summary>
        public ProfileItem Total { get; set; }

        /// <summary>The import register also counts reverse energy ("reverse is metered as forward"): no export is separable.</summary>
        public bool ImportIncludesExport { get; set; }
    }
}
