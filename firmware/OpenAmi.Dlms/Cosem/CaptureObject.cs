using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Cosem
{
    /// <summary>
    /// One column of a Profile generic (class 7): capture_object_definition ::= structure { class_id long-unsigned,
    /// logical_name octet-string(6), attribute_index integer, data_index long-unsigned } (Blue Book 4.3.6).
    /// </summary>
    public sealed class CaptureObject
    {
        public CaptureObject(ushort classId, ObisCode logicalName, int attributeIndex, int dataIndex)
        {
            ClassId = classId;
            LogicalName = logicalName;
            AttributeIndex = attributeIndex;
            DataIndex = dataIndex;
        }

        public ushort ClassId { get; }
        public ObisCode LogicalName { get; }
        public int AttributeIndex { get; }
        /// <summary>0 = the whole attribute; n = the n-th element of an array or structure attribute.</summary>
        public int DataIndex { get; }

        /// <summary>The clock's time, the column a range_descriptor restricts on.</summary>
        public static CaptureObject ClockTime() => new CaptureObject(CosemClass.Clock, CosemClass.ClockObject, CosemClass.ClockTime, 0);

        /// <summary>Reads one capture_object_definition; anything else is a typed <see cref="DlmsErrorCode.Malformed"/>.</summary>
        public static CaptureObject FromData(DataValue value)
        {
            if (value == null || value.Type != DataType.Structure || value.Count != 4 || !value[0].IsInteger ||
                value[1].Type != DataType.OctetString || value[1].AsBytes().Length != 6 || !value[2].IsInteger || !value[3].IsInteger)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "capture_object_definition is not structure{class, obis, attribute, data index}");
            }

            return new CaptureObject((ushort)value[0].AsInt64(), ObisCode.FromBytes(value[1].AsBytes(), 0), (int)value[2].AsInt64(),
                (int)value[3].AsInt64());
        }

        /// <summary>Reads attribute 3 (capture_objects), an array of capture_object_definition.</summary>
        public static CaptureObject[] ListFromData(DataValue value)
        {
            if (value == null || value.Type != DataType.Array)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "capture_objects is not an array");
            }

            var list = new CaptureObject[value.Count];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = FromData(value[i]);
            }

            return list;
        }

        public DataValue ToData() => DataValue.FromStructure(new[]
        {
            DataValue.FromInteger(DataType.LongUnsigned, ClassId),
            DataValue.FromBytes(DataType.OctetString, LogicalName.ToBytes()),
            DataValue.FromInteger(DataType.Integer, AttributeIndex),
            DataValue.FromInteger(DataType.LongUnsigned, DataIndex),
        });

        public override string ToString() => ClassId + "/" + LogicalName.ToDottedString() + "/" + AttributeIndex + (DataIndex == 0 ? "" : "/" + DataIndex);
    }
}
