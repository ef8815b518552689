using OpenAmi.Metering.Data;

namespace OpenAmi.Metering.Ports
{
    /// <summary>A reader that can fetch several attributes of one meter in one transaction (DLMS GET-with-list).</summary>
    public interface IBatchMeterReader
    {
        /// <summary>True once the meter has agreed to lists (DLMS: multiple-references negotiated in its association).</summary>
        bool SupportsLists(int meterAddress);

        /// <summary>
        /// Reads <paramref name="count"/> attributes into <paramref name="into"/> with a status each in
        /// <paramref name="statuses"/>. Returns Ok when the meter answered (some items may still have failed),
        /// otherwise the status that applies to all of them.
        /// </summary>
        ReadStatus ReadMany(int meterAddress, CosemAttributeRef[] targets, int count, MeterValue[] into, ReadStatus[] statuses);
    }
}
