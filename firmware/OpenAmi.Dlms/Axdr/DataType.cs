namespace OpenAmi.Dlms.Axdr
{
    /// <summary>COSEM Data CHOICE tags (IEC 62056-6-2 §4.1.5, Green Book "Data" type).</summary>
    public enum DataType
    {
        NullData = 0,
        Array = 1,
        Structure = 2,
        Boolean = 3,
        BitString = 4,
        DoubleLong = 5,
        DoubleLongUnsigned = 6,
        FloatingPoint = 7,
        OctetString = 9,
        VisibleString = 10,
        Utf8String = 12,
        Bcd = 13,
        Integer = 15,
        Long = 16,
        Unsigned = 17,
        LongUnsigned = 18,
        CompactArray = 19,
        Long64 = 20,
        Long64Unsigned = 21,
        Enum = 22,
        Float32 = 23,
        Float64 = 24,
        DateTime = 25,
        Date = 26,
        Time = 27,
        DontCare = 255,
    }

    /// <summary>Names and fixed sizes of the data types.</summary>
    public static class DataTypes
    {
        /// <summary>Kebab-case ASN.1 name, as the decoder's JSON prints it.</summary>
        public static string Name(DataType type)
        {
            switch (type)
            {
                case DataType.NullData: return "null-data";
                case DataType.Array: return "array";
                case DataType.Structure: return "structure";
                case DataType.Boolean: return "boolean";
                case DataType.BitString: return "bit-string";
                case DataType.DoubleLong: return "double-long";
                case DataType.DoubleLongUnsigned: return "double-long-unsigned";
                case DataType.FloatingPoint: return "floating-point";
                case DataType.OctetString: return "octet-string";
                case DataType.VisibleString: return "visible-string";
                case DataType.Utf8String: return "utf8-string";
                case DataType.Bcd: return "bcd";
                case DataType.Integer: return "integer";
                case DataType.Long: return "long";
                case DataType.Unsigned: return "unsigned";
                case DataType.LongUnsigned: return "long-unsigned";
                case DataType.CompactArray: return "compact-array";
                case DataType.Long64: return "long64";
                case DataType.Long64Unsigned: return "long64-unsigned";
                case DataType.Enum: return "enum";
                case DataType.Float32: return "float32";
                case DataType.Float64: return "float64";
                case DataType.DateTime: return "date-time";
                case DataType.Date: return "date";
                case DataType.Time: return "time";
                case DataType.DontCare: return "dont-care";
                default: return "unknown";
            }
        }

        /// <summary>Encoded size without tag of a fixed-size type, or -1 for variable-size types.</summary>
        public static int FixedSize(DataType type)
        {
            switch (type)
            {
                case DataType.NullData:
                case DataType.DontCare:
                    return 0;
                case DataType.Boolean:
                case DataType.Bcd:
                case DataType.Integer:
                case DataType.Unsigned:
                case DataType.Enum:
                    return 1;
                case DataType.Long:
                case DataType.LongUnsigned:
                    return 2;
                case DataType.DoubleLong:
                case DataType.DoubleLongUnsigned:
                case DataType.FloatingPoint:
                case DataType.Float32:
                case DataType.Time:
                    return 4;
                case DataType.Date:
                    return 5;
                case DataType.Long64:
                case DataType.Long64Unsigned:
                case DataType.Float64:
                    return 8;
                case DataType.DateTime:
                    return 12;
                default:
                    return -1;
            }
        }

        public static bool IsKnown(int tag)
        {
            return tag == 255 || (tag >= 0 && tag <= 27 && tag != 8 && tag != 11 && tag != 14);
        }
    }
}
