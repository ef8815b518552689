using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.AutoProfile
{
    /// <summary>A VMRS item a meter model cannot supply, and why (absent, wrong class, unusable unit, unreadable).</summary>
    public sealed class ProfileGap
    {
        public ProfileGap(VmrsItem item, string reason)
        {
            Item = item;
            Reason = reason;
        }

        public VmrsItem Item { get; }

        public string Reason { get; }
    }
}
