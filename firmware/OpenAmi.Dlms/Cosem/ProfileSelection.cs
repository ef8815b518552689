using OpenAmi.Dlms.Axdr;

namespace OpenAmi.Dlms.Cosem
{
    /// <summary>
    /// Selective access parameters for a Profile generic buffer (attribute 2, Blue Book 4.3.6): access selector 1
    /// (range_descriptor) and 2 (entry_descriptor).
    /// </summary>
    public static class ProfileSelection
    {
        public const int ByRangeSelector = 1;
        public const int ByEntrySelector = 2;

        /// <summary>
        /// range_descriptor ::= structure { restricting_object, from_value, to_value, selected_values }: the rows whose
        /// restricting column lies in [from, to] (both inclusive); <paramref name="columns"/> empty or null = every column.
        /// </summary>
        public static DataValue ByRange(CaptureObject restricting, CosemDateTime from, CosemDateTime to, CaptureObject[] columns)
        {
            int n = columns == null ? 0 : columns.Length;
            var selected = new DataValue[n];
            for (int i = 0; i < n; i++)
            {
                selected[i] = columns[i].ToData();
            }

            return DataValue.FromStructure(new[]
            {
                restricting.ToData(),
                DataValue.FromBytes(DataType.OctetString, from.ToBytes()),
                DataValue.FromBytes(DataType.OctetString, to.ToBytes()),
                DataValue.FromArray(selected),
            });
        }

        /// <summary>
        /// entry_descriptor ::= structure { from_entry, to_entry (0 = the newest), from_selected_value,
        /// to_selected_value (0 = the last column) }: entries and columns are 1-based.
        /// </summary>
        public static DataValue ByEntry(uint fromEntry, uint toEntry, int fromColumn, int toColumn)
        {
            if (fromEntry < 1 || (toEntry != 0 && toEntry < fromEntry) || fromColumn < 1 || fromColumn > 65535 ||
                toColumn < 0 || toColumn > 65535 || (toColumn != 0 && toColumn < fromColumn))
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument,
                    "entry selection " + fromEntry + ".." + toEntry + ", columns " + fromColumn + ".." + toColumn + " is not a valid range");
            }

            return DataValue.FromStructure(new[]
            {
                DataValue.FromInteger(DataType.DoubleLongUnsigned, fromEntry),
                DataValue.FromInteger(DataType.DoubleLongUnsigned, toEntry),
                DataValue.FromInteger(DataType.LongUnsigned, fromColumn),
                DataValue.FromInteger(DataType.LongUnsigned, toColumn),
            });
        }
    }
}
