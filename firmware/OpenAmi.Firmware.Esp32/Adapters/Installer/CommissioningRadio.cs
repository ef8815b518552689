using System.Net.NetworkInformation;
using OpenAmi.Installer.Commissioning;

namespace OpenAmi.Firmware.Esp32.Adapters.Installer
{
    /// <summary>
    /// The commissioning access point over nanoFramework's stored soft-AP configuration (docs/installer.md). The radio
    /// reads that configuration when the network interfaces start, at boot: a change is saved here and takes effect when
    /// the caller restarts the board; an unchanged one is not written again (flash wear, and no restart loop). WPA2 with
    /// the provisioned passphrase, one station at a time (the installer's phone).
    /// </summary>
    public sealed class CommissioningRadio
    {
        private readonly WirelessAPConfiguration _ap = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[0];

        /// <summary>True when a Wi-Fi network to join has been stored (nanoff --networkdeployment).</summary>
        public static bool WifiConfigured()
        {
            Wireless80211Configuration[] stations = Wireless80211Configuration.GetAllWireless80211Configurations();
            return stations.Length > 0 && stations[0].Ssid != null && stations[0].Ssid.Length > 0;
        }

        public bool Enabled => (_ap.Options & WirelessAPConfiguration.ConfigurationOptions.Enable) != 0;

        /// <summary>Stores the access point as <paramref name="settings"/>, started at boot; true when that changed anything.</summary>
        public bool Enable(AccessPointSettings settings)
        {
            if (Enabled && _ap.Ssid == settings.Ssid && _ap.Password == settings.Passphrase && _ap.Authentication == AuthenticationType.WPA2)
            {
                return false;
            }

            _ap.Ssid = settings.Ssid;
            _ap.Password = settings.Passphrase;
            _ap.Authentication = AuthenticationType.WPA2;
            _ap.Encryption = EncryptionType.WPA2;
            _ap.MaxConnections = 1;
            _ap.Options = WirelessAPConfiguration.ConfigurationOptions.AutoStart;
            _ap.SaveConfiguration();
            return true;
        }

        /// <summary>Stores the access point as off; true when it was on.</summary>
        public bool Disable()
        {
            if (!Enabled)
            {
                return false;
            }

            _ap.Options = WirelessAPConfiguration.ConfigurationOptions.Disable;
            _ap.SaveConfiguration();
            return true;
        }
    }
}
