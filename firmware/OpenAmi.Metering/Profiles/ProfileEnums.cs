namespace OpenAmi.Metering.Profiles
{
    public enum MeterProtocol
    {
        Dlms = 0,
        Modbus = 1,
    }

    /// <summary>Physical port: RS-485 on the shared bus, or the IEC 62056-21 optical head.</summary>
    public enum LinkMedium
    {
        Rs485 = 0,
        Optical = 1,
    }

    public enum Parity
    {
        None = 0,
        Even = 1,
        Odd = 2,
    }

    /// <summary>DLMS association authentication (mechanism names per the Green Book).</summary>
    public enum ProfileAuthentication
    {
        None = 0,
        /// <summary>Low level security: a password.</summary>
        Low = 1,
        /// <summary>High level security (HLS, e.g. mechanism 5 GMAC).</summary>
        High = 2,
    }

    /// <summary>DLMS security policy of every xDLMS APDU (suite 0, AES-GCM-128): none, authenticated, encrypted, both.</summary>
    public enum SecurityPolicy
    {
        None = 0,
        Authenticated = 1,
        Encrypted = 2,
        AuthenticatedEncrypted = 3,
    }

    /// <summary>How the token gateway (class 115) wants an STS token's 20 digits.</summary>
    public enum TokenEncoding
    {
        None = 0,
        /// <summary>The 20 decimal digits as ASCII characters.</summary>
        Ascii20 = 1,
        /// <summary>10 bytes of packed BCD, two digits per byte, first digit in the high nibble.</summary>
        Bcd10 = 2,
        /// <summary>The token as a 66-bit binary number, big-endian in 9 bytes.</summary>
        Binary9 = 3,
    }

    /// <summary>Stable names for the profile enumerations, shared by the JSON reader and writers.</summary>
    public static class ProfileNames
    {
        public static readonly string[] Protocols = { "dlms", "modbus" };
        public static readonly string[] Media = { "rs485", "optical" };
        public static readonly string[] Parities = { "none", "even", "odd" };
        public static readonly string[] Authentications = { "none", "low", "high" };
        public static readonly string[] TokenEncodings = { "none", "ascii20", "bcd10", "binary9" };
        public static readonly string[] SecurityPolicies = { "none", "authenticated", "encrypted", "authenticated-encrypted" };
        public static readonly string[] CaptureKinds = { "load", "billing" };

        /// <summary>"a, b or c" for error messages.</summary>
        public static string Choices(string[] names)
        {
            // One concatenation of all parts: appending in a loop copies the growing text once per name.
            var parts = new string[names.Length * 4];
            for (int i = 0; i < names.Length; i++)
            {
                parts[i * 4] = i == 0 ? string.Empty : i == names.Length - 1 ? " or " : ", ";
                parts[i * 4 + 1] = "\"";
                parts[i * 4 + 2] = names[i];
                parts[i * 4 + 3] = "\"";
            }

            return string.Concat(parts);
        }
    }
}
