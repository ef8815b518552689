using OpenAmi.Gateway.App;
using OpenAmi.Json;
using OpenAmi.Metering.Registration;
using OpenAmi.Metering.Vmrs;
using OpenAmi.Northbound.Ports;

namespace OpenAmi.Gateway.Commands
{
    /// <summary>
    /// "read-now" {} or {"obis": ["1.0.1.8.0.255", …]}: the meter's items (all it maps, or those named by their VMRS
    /// codes) are read ahead of the schedule on its bus and published as telemetry.
    /// </summary>
    public sealed class ReadNowCommand : ICommandHandler
    {
        private readonly MeteringWiring _metering;

        public ReadNowCommand(MeteringWiring metering)
        {
            _metering = metering;
        }

        public string Execute(string meterSerial, string commandType, JsonNode parameters)
        {
            MeterRecord meter = _metering.Meter(meterSerial);
            if (meter == null)
            {
                return "unknown_meter";
            }

            JsonNode codes = parameters.Get("obis");
            if (codes == null)
            {
                return _metering.RequestNow(meterSerial, null) > 0 ? null : "nothing_to_read";
            }

            if (codes.Kind != JsonKind.Array)
            {
                return "bad_params: obis must be an array of VMRS codes";
            }

            // All named items are checked before any read is queued: a refused command changes nothing.
            var items = new VmrsItem[codes.Count];
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = codes[i].Kind == JsonKind.String ? VmrsCatalogue.Find(codes[i].AsString()) : null;
                if (items[i] == null)
                {
                    return "bad_params: obis[" + i.ToString() + "] is not a VMRS code";
                }

                if (meter.Items[VmrsCatalogue.IndexOf(items[i])] == null)
                {
                    return "not_mapped: " + items[i].Code;
                }
            }

            for (int i = 0; i < items.Length; i++)
            {
                _metering.RequestNow(meterSerial, items[i]);
            }

            return null;
        }
    }
}
