using System;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// One profile row in VMRS terms, reused row after row (no allocation per row): the capture time in UTC and one
    /// value per mapped column of its <see cref="ProfileColumnMap"/>, in that map's column order.
    /// </summary>
    public sealed class IntervalRecord
    {
        public IntervalRecord(int columns)
        {
            Values = new double[columns];
            Present = new bool[columns];
        }

        /// <summary>The capture time as UTC (the meter's deviation applied).</summary>
        public DateTime CapturedUtc { get; internal set; }

        /// <summary>The meter flagged the capture time invalid or doubtful (clock_status bit 0, 1 or 3): not a slot to trust.</summary>
        public bool ClockSuspect { get; internal set; }

        /// <summary>Values in the VMRS unit (kWh, V, A, W, …).</summary>
        public double[] Values { get; }

        /// <summary>False where the meter sent null-data (nothing captured for that column).</summary>
        public bool[] Present { get; }
    }
}
