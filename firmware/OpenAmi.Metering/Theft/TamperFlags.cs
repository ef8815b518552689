using System.Collections;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Metering.Theft
{
    /// <summary>Names the tamper bits of a status word using the vendor's bit table (VMRS 96.5.0 bits are vendor-specific).</summary>
    public static class TamperFlags
    {
        /// <summary>Names of tamper bits set in <paramref name="status"/> but not in <paramref name="previous"/>.</summary>
        public static string[] NewlySet(StatusBit[] table, ulong previous, ulong status)
        {
            var names = new ArrayList();
            for (int i = 0; i < table.Length; i++)
            {
                ulong mask = 1UL << table[i].Bit;
                if (table[i].Tamper && (status & mask) != 0 && (previous & mask) == 0)
                {
                    names.Add(table[i].Name);
                }
            }

            return (string[])names.ToArray(typeof(string));
        }
    }
}
