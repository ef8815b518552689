using OpenAmi.Gateway.App;
using OpenAmi.Gateway.Config;
using OpenAmi.Json;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>
    /// "disconnect" {"reason": "…"}: opens the supply of the meter. A meter on a board-switched line is switched off
    /// through <see cref="Wiring.SupplyRouting"/> (always honoured; only Safety may close it again, on a later
    /// reconnect or credit request). Otherwise a meter whose profile maps Disconnect control (class 70,
    /// 0-0:96.3.10*255) opens its own switch through its reader (<see cref="IMeterReader.RemoteDisconnect"/>).
    /// </summary>
    public sealed class DisconnectCommand : ICommandHandler
    {
        private readonly GatewayConfig _config;
        private readonly SafetyWiring _safety;
        private readonly MeteringWiring _metering;

        public DisconnectCommand(GatewayConfig config, SafetyWiring safety, MeteringWiring metering)
        {
            _config = config;
            _safety = safety;
            _metering = metering;
        }

        public string Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            int line = LineOf(meterSerial);
            if (line >= 0)
            {
                _safety.Supply.RequestSupply(line, false, "remote_disconnect");
                return null;
            }

            MeterRecord meter = _metering.Meter(meterSerial);
            if (meter == null)
            {
                return "unknown_meter";
            }

            ItemState relay = meter.Items[VmrsCatalogue.IndexOf(VmrsCatalogue.Find(VmrsCatalogue.Disconnect))];
            ReadStatus status = relay == null ? ReadStatus.NotSupported : meter.Reader.RemoteDisconnect(meter.Address, relay.Mapping.Target.LogicalName);
            if (status == ReadStatus.NotSupported)
            {
                return "not_supported: the meter is on no board-switched line and has no DLMS disconnect control";
            }

            return status == ReadStatus.Ok ? null : "meter_refused: " + ReadStatusNames.Name(status);
        }

        private int LineOf(string meterSerial)
        {
            for (int i = 0; i < _config.Meters.Length; i++)
            {
                if (_config.Meters[i].Id == meterSerial && _config.Meters[i].Line != null)
                {
                    return _safety.LineOf(_config.Meters[i].Line);
                }
            }

            return -1;
        }
    }
}
