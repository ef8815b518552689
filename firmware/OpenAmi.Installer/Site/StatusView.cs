using System;

namespace OpenAmi.Installer.Site
{
    /// <summary>The gateway's health as the installer sees it. Unknown numbers are <see cref="Unknown"/>, unknown times <see cref="DateTime.MinValue"/>.</summary>
    public sealed class StatusView
    {
        public const long Unknown = long.MinValue;

        public string GatewayId { get; set; }

        public string Firmware { get; set; }

        public long UptimeS { get; set; } = Unknown;

        public DateTime ClockUtc { get; set; } = DateTime.MinValue;

        /// <summary>Where the wall clock came from: sntp, modem, meter, head-end or unset.</summary>
        public string ClockSource { get; set; }

        /// <summary>Wi-Fi RSSI or cellular signal in dBm.</summary>
        public long SignalDbm { get; set; } = Unknown;

        /// <summary>wifi or cellular.</summary>
        public string Uplink { get; set; }

        /// <summary>connected, connecting or down.</summary>
        public string Broker { get; set; }

        public long OutboxRecords { get; set; }

        public DateTime OutboxOldestUtc { get; set; } = DateTime.MinValue;

        public long FreeHeapBytes { get; set; } = Unknown;
    }
}
