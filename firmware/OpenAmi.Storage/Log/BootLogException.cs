using System;

namespace OpenAmi.Storage.Log
{
    /// <summary>A boot log that cannot be set up or written; the caller goes on without it.</summary>
    public sealed class BootLogException : Exception
    {
        public BootLogException(string message)
            : base(message)
        {
        }

        public BootLogException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
