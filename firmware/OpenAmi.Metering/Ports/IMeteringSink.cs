using OpenAmi.Metering.Data;
using OpenAmi.Metering.Polling;

namespace OpenAmi.Metering.Ports
{
    /// <summary>Where readings and events go (the northbound outbox in the gateway, a list in tests).</summary>
    public interface IMeteringSink
    {
        void OnReading(Reading reading);

        void OnEvent(MeteringEvent meteringEvent);
    }
}
