using System;

namespace OpenAmi.Installer.Commissioning
{
    /// <summary>The commissioning access point cannot be configured as provisioned (no passphrase, or one WPA2 refuses).</summary>
    public sealed class CommissioningException : Exception
    {
        public CommissioningException(string message)
            : base(message)
        {
        }
    }
}
