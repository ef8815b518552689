using System;

namespace OpenAmi.Gateway.App
{
    /// <summary>The platform's ports do not fit the configuration (a bus with no link, a missing port): the gateway does not start.</summary>
    public sealed class GatewayCompositionException : Exception
    {
        public GatewayCompositionException(string message) : base(message)
        {
        }
    }
}
