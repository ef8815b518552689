using System.Collections;

namespace OpenAmi.Gateway.Config
{
    /// <summary>The configuration when valid; otherwise every error found, in document order.</summary>
    public sealed class ConfigLoadResult
    {
        public ConfigLoadResult(GatewayConfig config, ArrayList errors)
        {
            Config = errors.Count == 0 ? config : null;
            Errors = errors;
            ReportingOnly = errors.Count > 0 && config != null && !AnyErrorUnder(errors, ReportingSections) ? config : null;
        }

        /// <summary>What a gateway needs to name itself and reach its broker (by Wi-Fi or modem): enough to report a rejected configuration.</summary>
        private static readonly string[] ReportingSections = { "$.feederId", "$.gatewayId", "$.northbound", "$.cellular" };

        /// <summary>Null when <see cref="Errors"/> is not empty: a partly valid configuration is never used.</summary>
        public GatewayConfig Config { get; }

        /// <summary><see cref="ConfigError"/> entries.</summary>
        public ArrayList Errors { get; }

        /// <summary>
        /// A rejected configuration whose ids, northbound and cellular sections are sound, to be used for nothing but publishing
        /// <see cref="Errors"/> in the gateway status; null when the configuration is valid or cannot even report.
        /// </summary>
        public GatewayConfig ReportingOnly { get; }

        public bool IsValid => Errors.Count == 0;

        /// <summary>Every error as `path: reason`, in document order.</summary>
        public string[] ErrorLines()
        {
            var lines = new string[Errors.Count];
            for (int i = 0; i < lines.Length; i++)
            {
                lines[i] = Error(i).ToString();
            }

            return lines;
        }

        private static bool AnyErrorUnder(ArrayList errors, string[] sections)
        {
            foreach (ConfigError error in errors)
            {
                if (error.Path == "$")
                {
                    return true;
                }

                foreach (string section in sections)
                {
                    if (error.Path.IndexOf(section) == 0 && (error.Path.Length == section.Length || error.Path[section.Length] == '.' || error.Path[section.Length] == '['))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        public ConfigError Error(int index) => (ConfigError)Errors[index];
    }
}
