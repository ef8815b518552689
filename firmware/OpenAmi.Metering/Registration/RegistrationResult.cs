using OpenAmi.Metering.AutoProfile;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.Registration
{
    /// <summary>The outcome of registering one address: the inventory entry and its event, or why there is none.</summary>
    public sealed class RegistrationResult
    {
        public RegistrationResult(int address, ReadStatus status, string problem)
        {
            Address = address;
            Status = status;
            Problem = problem;
        }

        public int Address { get; }

        /// <summary>Ok when registered; NoResponse when nobody answered at the address.</summary>
        public ReadStatus Status { get; }

        /// <summary>Why the meter was not registered (null when it was).</summary>
        public string Problem { get; }

        public MeterRecord Meter { get; set; }

        public RegistrationEvent Event { get; set; }

        /// <summary>Set when the profile was derived from the meter's object list.</summary>
        public AutoProfileResult AutoProfile { get; set; }

        public bool Registered => Meter != null;
    }
}
