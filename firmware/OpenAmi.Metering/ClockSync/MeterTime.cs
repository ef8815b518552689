using System;
using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Metering.ClockSync
{
    /// <summary>
    /// A meter's COSEM date-time against true UTC. The deviation is "minutes of local time to UTC" (DLMS UA
    /// Blue Book §4.1.6.1; Clock class 8 time_zone: "deviation of local, normal time to UTC"), so
    /// UTC = local + deviation and a CEST meter sends −120 (docs/metering.md cites the evidence). The
    /// conversion itself is OpenAmi.Dlms's <see cref="CosemDateTime.TryToUtc"/>; profiles flag meters built to
    /// companion specifications that write the opposite sign.
    /// </summary>
    public static class MeterTime
    {
        private const int StatusInvalidValue = 0x01;
        private const int StatusInvalidClockStatus = 0x08;
        private const int DaylightSavingActive = 0x80;

        /// <summary>The meter itself says its time cannot be trusted (clock_status bit 0 or 3).</summary>
        public static bool ClockInvalid(CosemDateTime time) =>
            time.ClockStatus != CosemDateTime.Unspecified && (time.ClockStatus & (StatusInvalidValue | StatusInvalidClockStatus)) != 0;

        /// <summary>UTC of a fully specified date-time; an unspecified deviation means the meter keeps UTC.</summary>
        public static bool TryToUtc(CosemDateTime time, bool invertedSign, out DateTime utc)
        {
            int deviation = time.Deviation;
            utc = default(DateTime);
            if (deviation != CosemDateTime.DeviationNotSpecified && (deviation < -720 || deviation > 720))
            {
                return false;
            }

            if (!invertedSign || deviation == CosemDateTime.DeviationNotSpecified)
            {
                return time.TryToUtc(out utc);
            }

            time.Deviation = -deviation;
            bool ok = time.TryToUtc(out utc);
            time.Deviation = deviation;
            return ok;
        }

        /// <summary>
        /// <paramref name="utc"/> as the meter's local time under its own deviation and status, so setting the
        /// clock keeps the meter's time zone and daylight-saving flag.
        /// </summary>
        public static CosemDateTime FromUtc(DateTime utc, int deviation, int status, bool invertedSign)
        {
            int minutes = deviation == CosemDateTime.DeviationNotSpecified ? 0 : deviation;
            var time = CosemDateTime.FromUtc(utc.AddMinutes(invertedSign ? minutes : -minutes));
            time.Deviation = deviation;
            time.ClockStatus = status;
            return time;
        }

        /// <summary>
        /// A range_descriptor bound: <paramref name="utc"/> as a meter whose clock reads <paramref name="clock"/> shows time
        /// (its deviation and daylight-saving bit), without day of week or hundredths, which a comparison against the
        /// clock column needs neither. A range across a daylight-saving change is bounded by the present offset.
        /// </summary>
        public static CosemDateTime RangeBound(DateTime utc, CosemDateTime clock, bool invertedSign)
        {
            var bound = FromUtc(utc, clock.Deviation, clock.DaylightSaving ? DaylightSavingActive : 0, invertedSign);
            bound.DayOfWeek = CosemDateTime.Unspecified;
            bound.Hundredths = CosemDateTime.Unspecified;
            return bound;
        }

        /// <summary>"yyyy-MM-ddTHH:mm:ssZ", built by hand: custom DateTime formats differ on the device.</summary>
        public static string FormatUtc(DateTime utc) =>
            Pad(utc.Year, 4) + "-" + Pad(utc.Month, 2) + "-" + Pad(utc.Day, 2) + "T" + Pad(utc.Hour, 2) + ":" +
            Pad(utc.Minute, 2) + ":" + Pad(utc.Second, 2) + "Z";

        private static string Pad(int value, int width) => value.ToString().PadLeft(width, '0');
    }
}
