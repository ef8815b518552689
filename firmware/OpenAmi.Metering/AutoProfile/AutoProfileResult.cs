using System.Collections;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.AutoProfile
{
    /// <summary>What auto-profiling made of one meter: the profile JSON, the profile as the validator read it back, and the gaps.</summary>
    public sealed class AutoProfileResult
    {
        public AutoProfileResult(ReadStatus status, string json, ProfileLoadResult validated, ArrayList gaps, int objectCount)
        {
            Status = status;
            Json = json;
            Validated = validated;
            Gaps = gaps;
            ObjectCount = objectCount;
        }

        /// <summary>Ok when the object list could be read (the profile may still have gaps).</summary>
        public ReadStatus Status { get; }

        /// <summary>The profile in the vendor-profile JSON format (null when the object list was unreadable).</summary>
        public string Json { get; }

        /// <summary><see cref="Json"/> read back through <see cref="ProfileReader"/>: the profile is usable only when valid.</summary>
        public ProfileLoadResult Validated { get; }

        public VendorProfile Profile => Validated == null ? null : Validated.Profile;

        /// <summary><see cref="ProfileGap"/> entries, in catalogue order.</summary>
        public ArrayList Gaps { get; }

        /// <summary>Entries in the association's object list.</summary>
        public int ObjectCount { get; }
    }
}
