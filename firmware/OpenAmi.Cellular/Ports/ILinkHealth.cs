namespace OpenAmi.Cellular.Ports
{
    /// <summary>
    /// Whether a transport could carry MQTT right now without trying it (device: Wi-Fi associated with an IP address).
    /// The fallback link reads it to decide when to leave cellular, so a dead Wi-Fi is never probed with a full connect.
    /// </summary>
    public interface ILinkHealth
    {
        bool IsUsable { get; }
    }
}
