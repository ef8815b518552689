using System.Collections;
using OpenAmi.Json;

namespace OpenAmi.Gateway.Config
{
    /// <summary>The gateway's files (configuration, DLMS secrets) read by the one JSON path reader, each problem a <see cref="ConfigError"/>.</summary>
    internal sealed class ConfigFields : JsonPathReader
    {
        private readonly ArrayList _errors;

        public ConfigFields(JsonIndex document, ArrayList errors)
            : base(document)
        {
            _errors = errors;
        }

        public override void Error(string path, string reason) => _errors.Add(new ConfigError(path, reason));
    }
}
