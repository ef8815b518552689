// Checked against nanoframework/System.Net nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs,
// nanoFramework.System.Net/NetworkInformation/{NetworkInterface,NetworkInterfaceType}.cs and the X509Certificate(byte[])
// constructor that nanoFramework.M2Mqtt's MqttClient.Init calls (package nanoFramework.System.Net). Device facts:
// GetIsNetworkAvailable asks the live link status of every interface (nanoframework/nf-interpreter
// src/DeviceInterfaces/System.Net/sys_net_native_System_Net_NetworkInformation_NetworkInterface.cpp,
// SOCK_CONFIGURATION_LinkStatus); GetAllNetworkInterfaces builds fresh objects with the adapter's current addresses.
namespace nanoFramework.Networking
{
    public enum NetworkHelperStatus
    {
        None, Started, NetworkIsReady, FailedNoNetworkInterface, TokenExpiredWaitingIPAddress, TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning, Reconnecting, ExceptionOccurred,
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
