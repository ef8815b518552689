using OpenAmi.Json;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>
    /// "config": refused. A configuration changes buses, keys and safety thresholds; it is provisioned on the
    /// device's flash and validated as a whole at boot (docs/gateway.md), never patched over the air member by member.
    /// </summary>
    public sealed class ConfigCommand : ICommandHandler
    {
        public const string Refusal = "not_supported: remote configuration is not accepted; provision config.json on the device (docs/gateway.md)";

        public string Execute(string meterSerial, string commandType, JsonNode parameters) => Refusal;
    }
}
