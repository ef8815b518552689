using System;
using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Metering.ClockSync
{
    /// <summary>
    /// A meter's COSEM date-time against true UTC. The deviation is read as UTC − local ("minutes of local
    /// time to UTC": CET in summer sends −120, so UTC = local + deviation), as the OSGP smart-metering
    /// SynchronizeTime documentation spells out; profiles flag meters that write the opposite sign.
    /// </summary>
    public static class MeterTime
    {
        private const int StatusInvalidValue = 0x01;
        private const int StatusInvalidClockStatus = 0x08;

        /// <summary>The meter itself says its time cannot be trusted (clock_status bit 0 or 3).</summary>
        public static bool ClockInvalid(CosemDateTime time) =>
            time.ClockStatus != CosemDateTime.Unspecified && (time.ClockStatus & (StatusInvalidValue | StatusInvalidClockStatus)) != 0;

        /// <summary>UTC of a fully specified date-time; an unspecified deviation means the meter keeps UTC.</summary>
        public static bool TryToUtc(CosemDateTime time, bool invertedSign, out DateTime utc)
        {
            int deviation = time.Deviation;
            time.Deviation = CosemDateTime.DeviationNotSpecified;
            DateTime local;
            bool ok = time.TryToUtc(out local);
            time.Deviation = deviation;
            utc = local;
            if (!ok || (deviation != CosemDateTime.DeviationNotSpecified && (deviation < -720 || deviation > 720)))
            {
                return false;
            }

            if (deviation != CosemDateTime.DeviationNotSpecified)
            {
                utc = local.AddMinutes(invertedSign ? -deviation : deviation);
            }

            return true;
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

        /// <summary>"yyyy-MM-ddTHH:mm:ssZ", built by hand: custom DateTime formats differ on the device.</summary>
        public static string FormatUtc(DateTime utc) =>
            Pad(utc.Year, 4) + "-" + Pad(utc.Month, 2) + "-" + Pad(utc.Day, 2) + "T" + Pad(utc.Hour, 2) + ":" +
            Pad(utc.Minute, 2) + ":" + Pad(utc.Second, 2) + "Z";

        private static string Pad(int value, int width) => value.ToString().PadLeft(width, '0');
    }
}
