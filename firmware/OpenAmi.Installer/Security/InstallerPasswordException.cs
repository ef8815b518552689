using System;

namespace OpenAmi.Installer.Security
{
    /// <summary>A password that cannot be provisioned (too short, too long) or a stored record that is not one.</summary>
    public sealed class InstallerPasswordException : Exception
    {
        public InstallerPasswordException(string message)
            : base(message)
        {
        }
    }
}
