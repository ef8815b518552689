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
        }

        /// <summary>Null when <see cref="Errors"/> is not empty: a partly valid configuration is never used.</summary>
        public GatewayConfig Config { get; }

        /// <summary><see cref="ConfigError"/> entries.</summary>
        public ArrayList Errors { get; }

        public bool IsValid => Errors.Count == 0;

        public ConfigError Error(int index) => (ConfigError)Errors[index];
    }
}
