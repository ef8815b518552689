using OpenAmi.Emulator.Feeder;
using OpenAmi.Installer.Site;

namespace OpenAmi.Emulator.Installer;

/// <summary>The emulated board's own facts for the status route: the world's firmware, uptime and signal (the clock is the gateway's own, filled by the site).</summary>
public sealed class FeederStatus(FeederWorld world) : IPlatformStatus
{
    public void Fill(StatusView into)
    {
        into.Firmware = world.FirmwareVersion;
        into.UptimeS = world.UptimeSeconds;
        into.SignalDbm = world.SignalDbm;
        into.Uplink = "wifi";
        into.Broker = world.Link.IsConnected ? "connected" : "down";
    }
}
