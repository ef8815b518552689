using OpenAmi.Metering.Data;
using OpenAmi.Metering.Modbus;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Profiles
{
    /// <summary>
    /// The object behind one VMRS item on one meter model. For Modbus models the register fields say where
    /// the value lives and <see cref="Scaler"/>/<see cref="UnitCode"/> make it physical; for DLMS models a set
    /// scaler overrides the meter's own scaler_unit (for meters known to report it wrongly).
    /// </summary>
    public sealed class ProfileItem
    {
        public ProfileItem(VmrsItem item, int classId, byte[] logicalName, int attribute)
        {
            Item = item;
            Target = new CosemAttributeRef(classId, logicalName, attribute);
            UnitCode = -1;
        }

        public VmrsItem Item { get; }

        /// <summary>The attribute read for the value (attribute 3 of the same object holds a register's scaler_unit).</summary>
        public CosemAttributeRef Target { get; }

        public bool HasScaler { get; set; }

        public int Scaler { get; set; }

        /// <summary>COSEM unit code, or -1 when the meter's own scaler_unit decides.</summary>
        public int UnitCode { get; set; }

        /// <summary>Modbus only: the register behind the item (null for DLMS).</summary>
        public ModbusPoint Modbus { get; set; }
    }
}
