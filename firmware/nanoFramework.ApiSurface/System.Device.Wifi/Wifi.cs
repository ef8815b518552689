// Upstream: github.com/nanoframework/System.Device.Wifi tag v1.5.144 (commit f3af6adda10c3cbfd19afd486e032910606faab5),
// System.Device.Wifi/{NetworkHelper/WifiNetworkHelper,WifiReconnectionKind}.cs.
// WifiNetworkHelper lives in namespace nanoFramework.Networking; its Status enum comes from System.Net (../System.Net).
namespace System.Device.Wifi
{
    public enum WifiReconnectionKind { Automatic, Manual }
}

namespace nanoFramework.Networking
{
    public static class WifiNetworkHelper
    {
        public static NetworkHelperStatus Status => throw null;
        public static System.Exception HelperException => throw null;
        public static bool ConnectDhcp(string ssid, string password, System.Device.Wifi.WifiReconnectionKind reconnectionKind = System.Device.Wifi.WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default) => throw null;
        public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, System.Threading.CancellationToken token = default) => throw null;
    }
}
