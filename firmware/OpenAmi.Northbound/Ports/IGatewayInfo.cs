namespace OpenAmi.Northbound.Ports
{
    /// <summary>What the birth message reports about the gateway.</summary>
    public interface IGatewayInfo
    {
        string FirmwareVersion { get; }

        long UptimeSeconds { get; }

        /// <summary>Wi-Fi/cellular RSSI in dBm, or <see cref="SignalStrength.UnknownDbm"/>.</summary>
        int SignalDbm { get; }
    }
}
