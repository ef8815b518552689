using System;

namespace OpenAmi.Installer.Site
{
    /// <summary>An action this gateway cannot carry out (yet); the API answers it 501 with the site's reason.</summary>
    public sealed class ActionUnavailableException : Exception
    {
        public ActionUnavailableException(string message)
            : base(message)
        {
        }
    }
}
