using System;
using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Ports;
using OpenAmi.Json;
using OpenAmi.Northbound.Envelope;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>
    /// "clock-sync" {"utc": "ISO time"}: sets the gateway's wall clock (the only command accepted while it is unset;
    /// the replay guard alone vouches for its freshness then). Meters follow at the next clock check.
    /// </summary>
    public sealed class ClockSyncCommand : ICommandHandler
    {
        private readonly GatewayPorts _ports;
        private readonly MeteringWiring _metering;

        /// <param name="ports">Read when a command runs: the platform may supply its clock setter after boot.</param>
        public ClockSyncCommand(GatewayPorts ports, MeteringWiring metering)
        {
            _ports = ports;
            _metering = metering;
        }

        public string Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            DateTime utc = IsoTime.Parse(parameters.GetString("utc"));
            IWallClockSetter setter = _ports.ClockSetter;
            if (setter == null)
            {
                return "not_supported: this platform's clock cannot be set remotely";
            }

            setter.SetUtc(utc);
            _metering.Clock.Refresh();
            return null;
        }
    }
}
