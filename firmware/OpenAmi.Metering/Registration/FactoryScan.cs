using System.Collections;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Registration
{
    /// <summary>
    /// Finds meters still on their factory link settings (an SDM120 out of the box answers at 2400 Bd, address 1,
    /// on a bus run at 9600): for each Modbus model whose profile link differs from the bus, the line is switched
    /// to the model's speed for one probe at its factory address, then switched back. Nothing is registered: a
    /// meter found here must be set to the bus's speed (or the bus to its) before it can be polled. Models whose
    /// factory address comes from the label, or whose factory framing is not 8N1, are not probed (see
    /// docs/metering.md, "Commissioning").
    /// </summary>
    public sealed class FactoryScan
    {
        private readonly IMeterBus _bus;
        private readonly ILineSpeed _line;
        private readonly MeterValue _value = new MeterValue();

        public FactoryScan(IMeterBus bus, ILineSpeed line)
        {
            _bus = bus;
            _line = line;
        }

        /// <summary>Probes each model's factory address at its factory speed; returns a <see cref="FactoryFinding"/> per meter that answered.</summary>
        public ArrayList Run(VendorProfile[] models)
        {
            var found = new ArrayList();
            int busBaud = _line.Baud;
            for (int m = 0; m < models.Length; m++)
            {
                var model = models[m];
                if (model.Protocol != MeterProtocol.Modbus || model.AddressFromLabel || model.Baud == busBaud ||
                    model.Parity != Parity.None || model.StopBits != 1 || model.DataBits != 8)
                {
                    continue;
                }

                _line.SetBaud(model.Baud);
                var finding = Probe(model);
                _line.SetBaud(busBaud);
                if (finding != null)
                {
                    found.Add(finding);
                }
            }

            return found;
        }

        private FactoryFinding Probe(VendorProfile model)
        {
            // The common items answer on every layout of the model: the first one proves the meter is there.
            int address = model.DefaultAddress;
            _bus.Declare(address, model);
            if (model.Items.Length == 0 || _bus.Read(address, model.Items[0].Target, _value) != ReadStatus.Ok)
            {
                return null;
            }

            var serialItem = model.Find(VmrsCatalogue.Find(VmrsCatalogue.DeviceId));
            string serial = serialItem != null && _bus.Read(address, serialItem.Target, _value) == ReadStatus.Ok && _value.Kind == MeterValueKind.Number
                ? ((long)_value.Number).ToString()
                : null;
            return new FactoryFinding(model.Id, address, model.Baud, serial);
        }
    }
}
