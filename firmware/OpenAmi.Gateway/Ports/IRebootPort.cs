namespace OpenAmi.Gateway.Ports
{
    /// <summary>
    /// Restarts the whole device. Device: persist the reason, then Power.RebootDevice() (never returns).
    /// Tests and emulator record the call and return.
    /// </summary>
    public interface IRebootPort
    {
        void Reboot(string reason);
    }
}
