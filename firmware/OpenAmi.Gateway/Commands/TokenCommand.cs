using OpenAmi.Gateway.App;
using OpenAmi.Json;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>
    /// "token" {"token": "20 digits"}: remote token delivery (use case V) through the same entry point as the keypad.
    /// Done once the token is accepted or durably queued for its meter; the final outcome follows as a
    /// token_accepted / token_rejected event whose requestId is the command id.
    /// </summary>
    public sealed class TokenCommand : ICommandHandler
    {
        private readonly PrepaidWiring _prepaid;
        private readonly CommandWiring _commands;

        public TokenCommand(PrepaidWiring prepaid, CommandWiring commands)
        {
            _prepaid = prepaid;
            _commands = commands;
        }

        public string Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            return _prepaid.SubmitRemote(meterSerial, _commands.CurrentCommandId, parameters.GetString("token"));
        }
    }
}
