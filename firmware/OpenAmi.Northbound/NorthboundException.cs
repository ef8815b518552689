using System;

namespace OpenAmi.Northbound
{
    /// <summary>A northbound failure the caller can report and survive (bad topic part, store fault, protocol error).</summary>
    public class NorthboundException : Exception
    {
        public NorthboundException(string message) : base(message)
        {
        }

        public NorthboundException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
