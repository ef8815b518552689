namespace OpenAmi.Dlms.Security
{
    /// <summary>
    /// The security control byte of a protected APDU (Green Book, security header): bits 0–3 security suite,
    /// bit 4 authentication, bit 5 encryption, bit 6 broadcast key, bit 7 compression.
    /// </summary>
    public static class SecurityControl
    {
        public const byte Authenticated = 0x10;
        public const byte Encrypted = 0x20;
        public const byte AuthenticatedEncrypted = 0x30;
        public const byte BroadcastKey = 0x40;
        public const byte Compressed = 0x80;
        /// <summary>GCM tag length used by security suite 0 (bits).</summary>
        public const int TagLength = 12;

        public static bool IsAuthenticated(byte sc) => (sc & Authenticated) != 0;
        public static bool IsEncrypted(byte sc) => (sc & Encrypted) != 0;
        public static int Suite(byte sc) => sc & 0x0F;
    }
}
