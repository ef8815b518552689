namespace OpenAmi.Dlms.Client
{
    /// <summary>What kind of meter defect a <see cref="DlmsClient.Warning"/> reports, for callers that count or forward them.</summary>
    public enum DlmsWarningKind
    {
        /// <summary>The release (RLRQ/RLRE) failed or was answered badly; the link was closed anyway.</summary>
        ReleaseFailed = 0,

        /// <summary>A with-list answer could not be read; the client reads that meter item by item from now on.</summary>
        WithListFallback = 1,

        /// <summary>A malformed answer of a known peer defect was read through <see cref="PeerQuirks"/>.</summary>
        PeerQuirk = 2,
    }
}
