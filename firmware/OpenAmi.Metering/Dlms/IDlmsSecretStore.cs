namespace OpenAmi.Metering.Dlms
{
    /// <summary>The secrets behind a profile's <c>secretRef</c>; profiles name them, the gateway's key store holds them.</summary>
    public sealed class DlmsSecret
    {
        /// <summary>LLS password.</summary>
        public byte[] Password { get; set; }

        /// <summary>Global unicast encryption key (16 bytes) for ciphering and HLS-GMAC.</summary>
        public byte[] BlockCipherKey { get; set; }

        /// <summary>Authentication key (16 bytes).</summary>
        public byte[] AuthenticationKey { get; set; }
    }

    /// <summary>Looks secrets up by name (the device adapter reads them from protected flash).</summary>
    public interface IDlmsSecretStore
    {
        /// <summary>The secret called <paramref name="secretRef"/>, or null when the store has none.</summary>
        DlmsSecret Find(string secretRef);
    }
}
