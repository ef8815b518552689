namespace OpenAmi.Installer.Site
{
    /// <summary>
    /// What only the platform knows about itself: firmware, uptime, the wall clock and its source, signal, which uplink
    /// carries MQTT, the broker's state and free heap. The board's adapter asks its drivers; the emulator its world.
    /// </summary>
    public interface IPlatformStatus
    {
        void Fill(StatusView into);
    }
}
