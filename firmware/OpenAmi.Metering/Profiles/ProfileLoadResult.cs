using System.Collections;

namespace OpenAmi.Metering.Profiles
{
    /// <summary>A profile read from JSON: the profile when valid, every error found otherwise, and the model's VMRS gaps.</summary>
    public sealed class ProfileLoadResult
    {
        public ProfileLoadResult(VendorProfile profile, ArrayList errors, ArrayList gaps)
        {
            Profile = profile;
            Errors = errors;
            Gaps = gaps;
        }

        /// <summary>Null when <see cref="Errors"/> is not empty.</summary>
        public VendorProfile Profile { get; }

        /// <summary><see cref="ProfileError"/> entries, in document order.</summary>
        public ArrayList Errors { get; }

        /// <summary><see cref="Vmrs.VmrsItem"/> entries the profile does not map; null from <see cref="ProfileReader.LoadForGateway"/>.</summary>
        public ArrayList Gaps { get; }

        public bool IsValid => Errors.Count == 0;
    }
}
