using OpenAmi.Firmware.Esp32.Adapters.Modem;
using OpenAmi.Firmware.Esp32.Adapters.Platform;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>What the birth message says about this board: the firmware release, the time since boot, the uplink's signal.</summary>
    public sealed class DeviceInfo : IGatewayInfo
    {
        private readonly DeviceClock _clock;
        private readonly CellularUplink _uplink;

        public DeviceInfo(DeviceClock clock, CellularUplink uplink)
        {
            _clock = clock;
            _uplink = uplink;
        }

        /// <summary>The release this image was built from (bump it with each release tag).</summary>
        public const string Release = "0.1.0";

        public string FirmwareVersion => Release;

        public long UptimeSeconds => _clock.NowMs / 1000;

        public int SignalDbm => _uplink.SignalDbm;
    }
}
