// Upstream: github.com/nanoframework/System.Net tag v1.11.52 (commit 32e2b7e284cf389adf618ddd50898c24cc774848),
// nanoFramework.System.Net/{NetworkHelper/NetworkHelperStatus,NetworkInformation/NetworkInterface,
// NetworkInformation/NetworkInterfaceType,X509Certificates/X509Certificate}.cs. Device facts: GetIsNetworkAvailable asks
// the live link status of every interface (nanoframework/nf-interpreter
// src/DeviceInterfaces/System.Net/sys_net_native_System_Net_NetworkInformation_NetworkInterface.cpp,
// SOCK_CONFIGURATION_LinkStatus); GetAllNetworkInterfaces builds fresh objects with the adapter's current addresses.
namespace nanoFramework.Networking
{
    public enum NetworkHelperStatus
    {
        None, Started, NetworkIsReady, FailedNoNetworkInterface, TokenExpiredWaitingIPAddress, TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning, ExceptionOccurred, Reconnecting,
    }
}

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate(byte[] certificate) { }
    }
}

namespace System.Net.NetworkInformation
{
    public enum NetworkInterfaceType { Unknown = 1, Ethernet = 6, Wireless80211 = 71, WirelessAP = 72 }

    public class NetworkInterface
    {
        protected NetworkInterface(int interfaceIndex) { }
        public static bool GetIsNetworkAvailable() => throw null;
        public static NetworkInterface[] GetAllNetworkInterfaces() => throw null;
        public string IPv4Address => throw null;
        public NetworkInterfaceType NetworkInterfaceType => throw null;
    }
}
