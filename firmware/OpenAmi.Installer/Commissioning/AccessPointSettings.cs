using System.Text;

namespace OpenAmi.Installer.Commissioning
{
    /// <summary>
    /// The commissioning access point's name and WPA2 passphrase. The name is the gateway's, so an installer with several
    /// poles in view picks the right one; the passphrase is provisioned per board and there is no default: a board
    /// without one never opens an access point.
    /// </summary>
    public sealed class AccessPointSettings
    {
        public const string SsidPrefix = "OpenAMI-";

        /// <summary>IEEE 802.11 allows 32 octets; nanoFramework's WirelessAPConfiguration refuses 32 itself, so 31.</summary>
        public const int MaxSsidLength = 31;

        /// <summary>A WPA2 passphrase is 8 to 63 printable ASCII characters (IEEE 802.11i, annex H.4).</summary>
        public const int MinPassphraseLength = 8;

        public const int MaxPassphraseLength = 63;

        private AccessPointSettings(string ssid, string passphrase)
        {
            Ssid = ssid;
            Passphrase = passphrase;
        }

        public string Ssid { get; }

        public string Passphrase { get; }

        /// <summary>The settings for gateway <paramref name="gatewayId"/> with the board's provisioned passphrase.</summary>
        public static AccessPointSettings For(string gatewayId, string provisionedPassphrase)
        {
            if (provisionedPassphrase == null || provisionedPassphrase.Length == 0)
            {
                throw new CommissioningException("no access point passphrase is provisioned on this board; there is no default");
            }

            if (provisionedPassphrase.Length < MinPassphraseLength || provisionedPassphrase.Length > MaxPassphraseLength || !PrintableAscii(provisionedPassphrase))
            {
                throw new CommissioningException("the access point passphrase must be " + MinPassphraseLength + " to " + MaxPassphraseLength + " printable ASCII characters (WPA2)");
            }

            return new AccessPointSettings(SsidOf(gatewayId), provisionedPassphrase);
        }

        /// <summary>
        /// The settings from the provisioned passphrase file (null when it is missing): its UTF-8 text, without the line
        /// end an editor leaves after the last line.
        /// </summary>
        public static AccessPointSettings FromFile(string gatewayId, byte[] passphraseFile)
        {
            if (passphraseFile == null)
            {
                return For(gatewayId, null);
            }

            int length = passphraseFile.Length;
            length -= length > 0 && passphraseFile[length - 1] == (byte)'\n' ? 1 : 0;
            length -= length > 0 && passphraseFile[length - 1] == (byte)'\r' ? 1 : 0;
            return For(gatewayId, Encoding.UTF8.GetString(passphraseFile, 0, length));
        }

        /// <summary>"OpenAMI-" and the gateway id, printable ASCII only (others become '-'), cut to <see cref="MaxSsidLength"/>.</summary>
        public static string SsidOf(string gatewayId)
        {
            var ssid = new StringBuilder(SsidPrefix);
            string id = gatewayId == null ? string.Empty : gatewayId;
            for (int i = 0; i < id.Length && ssid.Length < MaxSsidLength; i++)
            {
                ssid.Append(id[i] >= ' ' && id[i] <= '~' ? id[i] : '-');
            }

            return ssid.ToString();
        }

        private static bool PrintableAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < ' ' || text[i] > '~')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
