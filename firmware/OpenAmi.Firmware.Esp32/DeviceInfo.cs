using OpenAmi.Firmware.Esp32.Adapters.Platform;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>What the birth message says about this board: the firmware release and the time since boot.</summary>
    public sealed class DeviceInfo : IGatewayInfo
    {
        private readonly DeviceClock _clock;

        public DeviceInfo(DeviceClock clock)
        {
            _clock = clock;
        }

        /// <summary>The release this image was built from (bump it with each release tag).</summary>
        public string FirmwareVersion => "0.1.0";

        public long UptimeSeconds => _clock.NowMs / 1000;

        /// <summary>Not measured yet (neither the Wi-Fi adapter nor the modem's AT+CSQ is read): 0 means unknown in the envelope.</summary>
        public int SignalDbm => 0;
    }
}
