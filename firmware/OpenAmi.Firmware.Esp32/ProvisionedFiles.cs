using System.Collections;
using System.Text;
using OpenAmi.Firmware.Esp32.Adapters.Storage;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Firmware.Esp32
{
    /// <summary>
    /// The files deployed to I:\ with <c>nanoff --filedeployment</c> (docs/provisioning): the gateway configuration, the
    /// DLMS meters' secrets and the broker's CA certificate. Parsing and validation are the portable Config layer's; this
    /// only reads the flash and turns every reported problem into one log line.
    /// </summary>
    public static class ProvisionedFiles
    {
        public const string ConfigFile = "gateway.json";
        public const string DlmsSecretsFile = "dlms-secrets.json";

        /// <summary>The installer's page (firmware/OpenAmi.Installer/Page/index.html), served at / (docs/installer.md).</summary>
        public const string InstallerPageFile = "installer.html";

        /// <summary>The commissioning access point's WPA2 passphrase, text (docs/installer.md); no file, no access point.</summary>
        public const string AccessPointPassphraseFile = "ap-passphrase";

        /// <summary>The configuration read and checked, with every error written to <paramref name="log"/>; null when the file is missing.</summary>
        public static ConfigLoadResult LoadConfig(StringBuilder log)
        {
            string json = ReadText(ConfigFile, log);
            if (json == null)
            {
                return null;
            }

            ConfigLoadResult result = ConfigReader.Load(json, null);
            Report(ConfigFile, result.Errors, log);
            return result;
        }

        /// <summary>The secrets table; an absent file means no secrets (meters needing one fail to associate, and say so).</summary>
        public static DlmsSecretTable LoadDlmsSecrets(StringBuilder log)
        {
            byte[] bytes = FlashFileStore.ReadAll(DlmsSecretsFile);
            if (bytes == null)
            {
                return DlmsSecretTable.Empty;
            }

            var errors = new ArrayList();
            DlmsSecretTable table = DlmsSecretTable.Load(Encoding.UTF8.GetString(bytes, 0, bytes.Length), errors);
            Report(DlmsSecretsFile, errors, log);
            return table;
        }

        /// <summary>
        /// Adds to <paramref name="ports"/> every vendor profile the configuration names that is not built in, from
        /// I:\profile-&lt;id&gt;.json (as written by <c>openami meter autoprofile</c>); false with the reasons logged when one is
        /// missing or invalid.
        /// </summary>
        public static bool LoadProfiles(GatewayConfig config, GatewayPorts ports, StringBuilder log)
        {
            bool ok = true;
            for (int i = 0; i < config.Meters.Length; i++)
            {
                string id = config.Meters[i].Profile;
                if (BuiltInProfiles.Has(id) || ports.Profiles[id] != null)
                {
                    continue;
                }

                string fileName = "profile-" + id + ".json";
                string json = ReadText(fileName, log);
                ProfileLoadResult result = json == null ? null : ProfileReader.Load(json);
                if (result == null || !result.IsValid)
                {
                    for (int e = 0; result != null && e < result.Errors.Count; e++)
                    {
                        var error = (ProfileError)result.Errors[e];
                        log.Append("I:\\").Append(fileName).Append(' ').Append(error.Path).Append(": ").Append(error.Reason).Append('\n');
                    }

                    ok = false;
                    continue;
                }

                ports.AddProfile(result.Profile);
            }

            return ok;
        }

        /// <summary>A provisioned file's bytes, or null with the reason in <paramref name="log"/>.</summary>
        public static byte[] ReadRequired(string fileName, StringBuilder log)
        {
            byte[] bytes = FlashFileStore.ReadAll(fileName);
            if (bytes == null || bytes.Length == 0)
            {
                log.Append("I:\\").Append(fileName).Append(" is missing or empty: provision the board (docs/flashing.md)\n");
                return null;
            }

            return bytes;
        }

        private static string ReadText(string fileName, StringBuilder log)
        {
            byte[] bytes = ReadRequired(fileName, log);
            return bytes == null ? null : Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        private static void Report(string fileName, ArrayList errors, StringBuilder log)
        {
            for (int i = 0; i < errors.Count; i++)
            {
                log.Append("I:\\").Append(fileName).Append(' ').Append(errors[i].ToString()).Append('\n');
            }
        }
    }
}
