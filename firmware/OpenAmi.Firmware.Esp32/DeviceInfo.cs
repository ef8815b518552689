using OpenAmi.Cellular.Fallback;
using OpenAmi.Firmware.Esp32.Adapters.Modem;
using OpenAmi.Firmware.Esp32.Adapters.Platform;
using OpenAmi.Installer.Site;
using OpenAmi.Northbound.Ports;
using NativeGc = nanoFramework.Runtime.Native.GC;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>
    /// What the birth message and the installer's status route say about this board: the firmware release, the time
    /// since boot, the uplink's route and signal, the broker's state and free heap.
    /// </summary>
    public sealed class DeviceInfo : IGatewayInfo, IPlatformStatus
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

        public void Fill(StatusView into)
        {
            into.Firmware = Release;
            into.UptimeS = UptimeSeconds;
            int signal = SignalDbm;
            into.SignalDbm = signal == SignalStrength.UnknownDbm ? StatusView.Unknown : signal;
            LinkRoute route = _uplink.Link.Route;
            into.Uplink = route == LinkRoute.Secondary ? "cellular" : route == LinkRoute.Primary ? "wifi" : null;
            into.Broker = _uplink.Link.IsConnected ? "connected" : "down";

            // nanoFramework reports free managed heap only after a collection (without compaction: it is quick).
            into.FreeHeapBytes = NativeGc.Run(false);
        }
    }
}
