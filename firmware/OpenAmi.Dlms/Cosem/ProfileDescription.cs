using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Cosem
{
    /// <summary>The static attributes of one Profile generic (class 7) object as the meter reports them.</summary>
    public sealed class ProfileDescription
    {
        /// <summary>sort_method values (Blue Book 4.3.6).</summary>
        public const int Fifo = 1, Lifo = 2, Largest = 3, Smallest = 4, NearestToZero = 5, FarthestFromZero = 6;

        public ObisCode LogicalName { get; set; }
        public CaptureObject[] CaptureObjects { get; set; }
        /// <summary>Seconds between captures; 0 = captured on events only.</summary>
        public uint CapturePeriod { get; set; }
        public int SortMethod { get; set; } = Fifo;
        public uint EntriesInUse { get; set; }
        public uint ProfileEntries { get; set; }

        /// <summary>The 0-based column of <paramref name="column"/>, or −1 when the profile does not capture it.</summary>
        public int ColumnOf(ushort classId, ObisCode logicalName, int attributeIndex)
        {
            for (int i = 0; i < CaptureObjects.Length; i++)
            {
                var c = CaptureObjects[i];
                if (c.ClassId == classId && c.LogicalName == logicalName && c.AttributeIndex == attributeIndex && c.DataIndex == 0)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>An unsigned attribute value (capture_period, entries_in_use, profile_entries); a meter's other type is malformed.</summary>
        public static uint Unsigned(DataValue value, string attribute)
        {
            if (value == null || !value.IsInteger || value.AsInt64() < 0 || value.AsInt64() > uint.MaxValue)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, attribute + " is not an unsigned integer");
            }

            return (uint)value.AsInt64();
        }
    }
}
