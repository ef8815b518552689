using System.Collections;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;

namespace OpenAmi.Metering.Dlms
{
    /// <summary>Association LN object_list: array of {class_id long-unsigned, version unsigned, logical_name octet-string[6], access_rights}.</summary>
    public static class ObjectList
    {
        public static ReadStatus Decode(DataValue list, ArrayList into)
        {
            if (list.Type != DataType.Array)
            {
                return ReadStatus.UnexpectedType;
            }

            for (int i = 0; i < list.Count; i++)
            {
                var entry = list[i];
                if (entry.Type != DataType.Structure || entry.Count < 3 || !entry[0].IsInteger || !entry[1].IsInteger ||
                    entry[2].Type != DataType.OctetString || entry[2].AsBytes().Length != 6)
                {
                    return ReadStatus.UnexpectedType;
                }

                var name = new byte[6];
                System.Array.Copy(entry[2].AsBytes(), 0, name, 0, 6);
                into.Add(new CosemObjectInfo((int)entry[0].AsInt64(), (int)entry[1].AsInt64(), name));
            }

            return ReadStatus.Ok;
        }
    }
}
