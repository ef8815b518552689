using System.Threading;
using nanoFramework.Networking;
using OpenAmi.Cellular.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Mqtt
{
    /// <summary>
    /// Wi-Fi with the credentials stored by nanoff --networkdeployment (never in the application): Reconnect uses the
    /// stored configuration and DHCP. Usable means the helper reported the network ready (associated, IP address).
    /// </summary>
    public sealed class WifiLink : ILinkHealth
    {
        public bool IsUsable => WifiNetworkHelper.Status == NetworkHelperStatus.NetworkIsReady;

        /// <summary>Connects with the stored credentials; false (and the helper's exception in <see cref="LastError"/>) on failure.</summary>
        public bool Connect(int timeoutMs)
        {
            using (var timeout = new CancellationTokenSource(timeoutMs))
            {
                bool connected = WifiNetworkHelper.Reconnect(true, 0, timeout.Token);
                LastError = connected || WifiNetworkHelper.HelperException == null ? null : WifiNetworkHelper.HelperException.Message;
                return connected;
            }
        }

        public string LastError { get; private set; }
    }
}
