// Checked against nanoframework/System.Net nanoFramework.System.Net/NetworkHelper/NetworkHelperStatus.cs and the
// X509Certificate(byte[]) constructor that nanoFramework.M2Mqtt's MqttClient.Init calls (package nanoFramework.System.Net).
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
