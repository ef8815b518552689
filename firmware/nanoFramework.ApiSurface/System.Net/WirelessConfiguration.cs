// Upstream: github.com/nanoframework/System.Net tag v1.11.52 (commit 32e2b7e284cf389adf618ddd50898c24cc774848),
// nanoFramework.System.Net/NetworkInformation/{WirelessAPConfiguration,Wireless80211Configuration,AuthenticationType,
// EncryptionType}.cs. Device facts: WirelessAPConfiguration.SaveConfiguration refuses a null SSID, an SSID of 32
// characters or more, MaxConnections < 1 and (unless Open/None) a password outside 8..63 characters; the stored options
// take effect when the network interfaces start, at boot.
namespace System.Net.NetworkInformation
{
    public enum AuthenticationType : byte { None = 0, EAP, PEAP, WCN, Open, Shared, WEP, WPA, WPA2 }

    public enum EncryptionType : byte { None = 0, WEP, WPA, WPA2, WPA_PSK, WPA2_PSK, Certificate }

    public class WirelessAPConfiguration
    {
        public WirelessAPConfiguration(uint id) { }
        public AuthenticationType Authentication { get => throw null; set => throw null; }
        public EncryptionType Encryption { get => throw null; set => throw null; }
        public string Password { get => throw null; set => throw null; }
        public string Ssid { get => throw null; set => throw null; }
        public ConfigurationOptions Options { get => throw null; set => throw null; }
        public byte MaxConnections { get => throw null; set => throw null; }
        public void SaveConfiguration() => throw null;
        public static WirelessAPConfiguration[] GetAllWirelessAPConfigurations() => throw null;

        [Flags]
        public enum ConfigurationOptions : byte { None = 0, Disable = 0x01, Enable = 0x02, AutoStart = 0x04 | Enable, HiddenSSID = 0x08 }
    }

    public class Wireless80211Configuration
    {
        public Wireless80211Configuration(uint id) { }
        public string Ssid { get => throw null; set => throw null; }
        public static Wireless80211Configuration[] GetAllWireless80211Configurations() => throw null;
    }
}
