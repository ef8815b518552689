using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using OpenAmi.Cellular.Ports;

namespace OpenAmi.Firmware.Esp32.Adapters.Mqtt
{
    /// <summary>
    /// Wi-Fi with the credentials stored by nanoff --networkdeployment (never in the application): Reconnect uses the
    /// stored configuration and DHCP. As the fallback link's <see cref="ILinkHealth"/>, usable means the link is up now
    /// (NetworkInterface.GetIsNetworkAvailable reads the live link status) and the station interface holds an IPv4
    /// address; WifiNetworkHelper.Status only reports how the last connect ended and stays "ready" after the access point
    /// drops. Each check builds the interface objects afresh (a few small allocations), so call it seconds apart.
    /// </summary>
    public sealed class WifiLink : ILinkHealth
    {
        private const string NoAddress = "0.0.0.0";

        public bool IsUsable
        {
            get
            {
                if (!NetworkInterface.GetIsNetworkAvailable())
                {
                    return false;
                }

                foreach (NetworkInterface networkInterface in NetworkInterface.GetAllNetworkInterfaces())
                {
                    if (networkInterface.NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                    {
                        string address = networkInterface.IPv4Address;
                        return address != null && address.Length > 0 && address != NoAddress;
                    }
                }

                return false;
            }
        }

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
