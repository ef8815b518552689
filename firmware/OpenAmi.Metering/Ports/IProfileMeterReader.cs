using System;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;

namespace OpenAmi.Metering.Ports
{
    /// <summary>A meter that keeps Profile generic (class 7) objects: their description and their buffer by time range.</summary>
    public interface IProfileMeterReader
    {
        /// <summary>capture_objects, capture_period, sort_method, entries_in_use, profile_entries of <paramref name="profile"/>.</summary>
        ReadStatus ReadProfileDescription(int meterAddress, byte[] profile, out ProfileDescription description);

        /// <summary>
        /// The rows captured from <paramref name="fromUtc"/> to <paramref name="toUtc"/> (both inclusive), all columns, the
        /// bounds written as the meter's clock shows time (its deviation and status, read first;
        /// <paramref name="invertedDeviation"/> for meters that write local − UTC).
        /// </summary>
        ReadStatus ReadProfileRange(int meterAddress, byte[] profile, DateTime fromUtc, DateTime toUtc, bool invertedDeviation, out DataValue rows);
    }
}
