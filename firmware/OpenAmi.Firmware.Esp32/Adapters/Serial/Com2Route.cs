namespace OpenAmi.Firmware.Esp32.Adapters.Serial
{
    /// <summary>Which connector COM2's pins are routed to; the values are the bus ids on COM2's BusArbiter.</summary>
    public enum Com2Route
    {
        Rs485 = 0,
        Optical = 1,
    }
}
