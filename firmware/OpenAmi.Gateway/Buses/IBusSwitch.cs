namespace OpenAmi.Gateway.Buses
{
    /// <summary>
    /// Moves the shared UART to another bus (device: Close, Configuration.SetPinFunction, Open). The arbiter calls it on
    /// the new owner's thread, after that owner holds the UART and before its transaction starts, and only when the bus
    /// differs from the one the UART was last routed to.
    /// </summary>
    public interface IBusSwitch
    {
        void SwitchTo(int busId);
    }
}
