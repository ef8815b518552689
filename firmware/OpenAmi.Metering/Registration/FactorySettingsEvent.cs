using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.Registration
{
    /// <summary>
    /// A configured meter that does not answer at the bus's speed answered at its model's factory link settings:
    /// it cannot be polled until it is set to the bus's speed (and its configured address).
    /// </summary>
    public sealed class FactorySettingsEvent : MeteringEvent
    {
        public FactorySettingsEvent() : base(MeteringEventKind.FactorySettings) { }

        /// <summary>What answered, at which speed and address.</summary>
        public FactoryFinding Finding { get; set; }

        public int BusBaud { get; set; }
    }
}
