using OpenAmi.Json;

namespace OpenAmi.Northbound.Ports
{
    /// <summary>
    /// Executes an authenticated command (the gateway implements it). Never receives "reconnect": that goes to
    /// <see cref="ISupplyPolicy"/> only. Returns null when done, or a short reason when it could not be done.
    /// </summary>
    public interface ICommandHandler
    {
        string Execute(string meterSerial, string commandType, JsonNode parameters);
    }
}
