using System;

namespace OpenAmi.Installer.Http
{
    /// <summary>A request the API refuses: the HTTP status, a stable machine code and a sentence for the person.</summary>
    public sealed class InstallerApiException : Exception
    {
        public InstallerApiException(int status, string code, string message)
            : base(message)
        {
            Status = status;
            Code = code;
        }

        public int Status { get; }

        /// <summary>For example bad_password, locked_out, body_too_large, not_found, not_local.</summary>
        public string Code { get; }
    }
}
