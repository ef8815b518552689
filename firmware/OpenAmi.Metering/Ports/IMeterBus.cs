using OpenAmi.Metering.Profiles;

namespace OpenAmi.Metering.Ports
{
    /// <summary>
    /// A meter reader that must be told how to reach an address before reading it (DLMS: HDLC addresses,
    /// authentication, keys; Modbus: the register map). Registration declares every address it probes.
    /// </summary>
    public interface IMeterBus : IMeterReader
    {
        void Declare(int meterAddress, VendorProfile profile);
    }
}
