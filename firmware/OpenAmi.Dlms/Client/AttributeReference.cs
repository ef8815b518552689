using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Dlms.Client
{
    /// <summary>Attribute <see cref="Attribute"/> of the object of class <see cref="ClassId"/> at <see cref="LogicalName"/>.</summary>
    public sealed class AttributeReference
    {
        public AttributeReference(ushort classId, ObisCode logicalName, int attribute)
        {
            ClassId = classId;
            LogicalName = logicalName;
            Attribute = attribute;
        }

        public ushort ClassId { get; }
        public ObisCode LogicalName { get; }
        public int Attribute { get; }

        /// <summary>Parses "class/obis/attribute", e.g. "3/1.0.1.8.0.255/2".</summary>
        public static AttributeReference Parse(string text)
        {
            string[] parts = text == null ? new string[0] : text.Split('/');
            if (parts.Length != 3 || !ushort.TryParse(parts[0], out ushort classId) || !int.TryParse(parts[2], out int attribute) ||
                attribute < -128 || attribute > 127)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "attribute reference must be class/obis/attribute: '" + text + "'");
            }

            return new AttributeReference(classId, ObisCode.Parse(parts[1]), attribute);
        }

        public override string ToString() => ClassId + "/" + LogicalName.ToDottedString() + "/" + Attribute;
    }
}
