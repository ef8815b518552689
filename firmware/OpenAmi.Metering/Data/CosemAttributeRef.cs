using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Data
{
    /// <summary>
    /// One COSEM attribute: class id, logical name, attribute index. The lingua franca of the metering layer:
    /// Modbus adapters map the same references onto registers, so everything above the port is protocol-blind.
    /// </summary>
    public sealed class CosemAttributeRef
    {
        public CosemAttributeRef(int classId, byte[] logicalName, int attribute)
        {
            ClassId = classId;
            LogicalName = logicalName;
            Attribute = attribute;
        }

        public int ClassId { get; }

        /// <summary>Six bytes A..F.</summary>
        public byte[] LogicalName { get; }

        public int Attribute { get; }

        /// <summary>The same object, another attribute (e.g. a register's scaler_unit, attribute 3).</summary>
        public CosemAttributeRef WithAttribute(int attribute) => new CosemAttributeRef(ClassId, LogicalName, attribute);

        public override string ToString() => ClassId.ToString() + "/" + ObisName.Format(LogicalName) + "/" + Attribute.ToString();
    }
}
