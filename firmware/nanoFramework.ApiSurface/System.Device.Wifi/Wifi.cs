// Checked against nanoframework/System.Device.Wifi System.Device.Wifi/{NetworkHelper/WifiNetworkHelper,
// WifiReconnectionKind}.cs (package nanoFramework.System.Device.Wifi 1.5.x). WifiNetworkHelper lives in namespace
// nanoFramework.Networking; its Status enum comes from nanoFramework.System.Net (see ../System.Net).
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
