using System;

namespace OpenAmi.Safety.Dsp
{
    /// <summary>
    /// Converts raw converter counts to milliamperes: mA = (counts - OffsetCounts) * MilliampsPerCount.
    /// The offset is fractional because auto-zero averages many samples; the slope comes from the sensor datasheet
    /// or a bench calibration with a known test current.
    /// </summary>
    public sealed class Calibration
    {
        public Calibration(double offsetCounts, double milliampsPerCount)
        {
            if (double.IsNaN(offsetCounts) || double.IsInfinity(offsetCounts))
            {
                throw new ArgumentException("offset must be a finite number of counts", "offsetCounts");
            }

            if (!(milliampsPerCount > 0) || double.IsInfinity(milliampsPerCount))
            {
                throw new ArgumentException("mA per count must be positive and finite", "milliampsPerCount");
            }

            OffsetCounts = offsetCounts;
            MilliampsPerCount = milliampsPerCount;
        }

        public double OffsetCounts { get; }

        public double MilliampsPerCount { get; }

        public double ToMilliamps(int counts) => (counts - OffsetCounts) * MilliampsPerCount;

        public Calibration WithOffset(double offsetCounts) => new Calibration(offsetCounts, MilliampsPerCount);
    }
}
