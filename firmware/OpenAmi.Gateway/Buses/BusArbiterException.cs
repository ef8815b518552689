using System;

namespace OpenAmi.Gateway.Buses
{
    /// <summary>A bus was released by a thread that does not hold it, acquired twice, or could not be routed.</summary>
    public sealed class BusArbiterException : Exception
    {
        public BusArbiterException(string message)
            : base(message)
        {
        }

        public BusArbiterException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
