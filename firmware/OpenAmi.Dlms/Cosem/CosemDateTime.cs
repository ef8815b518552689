using System;
using System.Text;

namespace OpenAmi.Dlms.Cosem
{
    /// <summary>
    /// COSEM date-time (Blue Book §4.1.6.1): 12 octets — year (2), month, day of month, day of week, hour,
    /// minute, second, hundredths, deviation (2, signed minutes, 0x8000 = not specified), clock status.
    /// 0xFF (0xFFFF for the year) means "not specified" in any field, so the fields are kept as sent.
    /// </summary>
    public sealed class CosemDateTime
    {
        public const int Size = 12;
        public const int DeviationNotSpecified = -32768;
        public const int Unspecified = 0xFF;

        public int Year { get; set; } = 0xFFFF;
        public int Month { get; set; } = Unspecified;
        public int Day { get; set; } = Unspecified;
        public int DayOfWeek { get; set; } = Unspecified;
        public int Hour { get; set; } = Unspecified;
        public int Minute { get; set; } = Unspecified;
        public int Second { get; set; } = Unspecified;
        public int Hundredths { get; set; } = Unspecified;
        /// <summary>Minutes between local time and UTC as sent; <see cref="DeviationNotSpecified"/> when absent.</summary>
        public int Deviation { get; set; } = DeviationNotSpecified;
        /// <summary>Clock status bits: 0 invalid, 1 doubtful, 2 different base, 3 invalid status, 7 DST active; 0xFF = not specified.</summary>
        public int ClockStatus { get; set; } = Unspecified;

        public bool Invalid => ClockStatus != Unspecified && (ClockStatus & 0x01) != 0;
        public bool Doubtful => ClockStatus != Unspecified && (ClockStatus & 0x02) != 0;
        public bool DaylightSaving => ClockStatus != Unspecified && (ClockStatus & 0x80) != 0;

        public static CosemDateTime Parse(byte[] buffer, int offset, int count)
        {
            if (count != Size || buffer == null || offset < 0 || offset + Size > buffer.Length)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "a COSEM date-time is 12 octets");
            }

            int deviation = (short)((buffer[offset + 9] << 8) | buffer[offset + 10]);
            return new CosemDateTime
            {
                Year = (buffer[offset] << 8) | buffer[offset + 1],
                Month = buffer[offset + 2],
                Day = buffer[offset + 3],
                DayOfWeek = buffer[offset + 4],
                Hour = buffer[offset + 5],
                Minute = buffer[offset + 6],
                Second = buffer[offset + 7],
                Hundredths = buffer[offset + 8],
                Deviation = deviation,
                ClockStatus = buffer[offset + 11],
            };
        }

        public static CosemDateTime Parse(byte[] twelve) => Parse(twelve, 0, twelve == null ? 0 : twelve.Length);

        /// <summary>A fully specified value from a UTC instant (deviation 0, status OK).</summary>
        public static CosemDateTime FromUtc(DateTime utc)
        {
            int dow = (int)utc.DayOfWeek;
            return new CosemDateTime
            {
                Year = utc.Year,
                Month = utc.Month,
                Day = utc.Day,
                DayOfWeek = dow == 0 ? 7 : dow,
                Hour = utc.Hour,
                Minute = utc.Minute,
                Second = utc.Second,
                Hundredths = utc.Millisecond / 10,
                Deviation = 0,
                ClockStatus = 0,
            };
        }

        /// <summary>
        /// A UTC instant as a meter with the given deviation (UTC − local minutes) and clock status shows it, with day
        /// of week and hundredths unspecified: what a profile's range bound compares against its clock column.
        /// </summary>
        public static CosemDateTime AtMeter(DateTime utc, int deviation, int clockStatus)
        {
            DateTime local = utc.AddMinutes(-deviation);
            return new CosemDateTime
            {
                Year = local.Year,
                Month = local.Month,
                Day = local.Day,
                Hour = local.Hour,
                Minute = local.Minute,
                Second = local.Second,
                Deviation = deviation,
                ClockStatus = clockStatus,
            };
        }

        public void WriteTo(byte[] buffer, int offset)
        {
            buffer[offset] = (byte)(Year >> 8);
            buffer[offset + 1] = (byte)Year;
            buffer[offset + 2] = (byte)Month;
            buffer[offset + 3] = (byte)Day;
            buffer[offset + 4] = (byte)DayOfWeek;
            buffer[offset + 5] = (byte)Hour;
            buffer[offset + 6] = (byte)Minute;
            buffer[offset + 7] = (byte)Second;
            buffer[offset + 8] = (byte)Hundredths;
            buffer[offset + 9] = (byte)(Deviation >> 8);
            buffer[offset + 10] = (byte)Deviation;
            buffer[offset + 11] = (byte)ClockStatus;
        }

        public byte[] ToBytes()
        {
            var bytes = new byte[Size];
            WriteTo(bytes, 0);
            return bytes;
        }

        /// <summary>
        /// The UTC instant, when date and time are fully specified. The deviation is read as UTC − local in
        /// minutes, as meters in the field send it (a CET meter sends −60 = 0xFFC4 in winter); an unspecified
        /// deviation is taken as UTC.
        /// Returns false for wildcards, impossible dates and instants the platform's DateTime cannot hold (its range
        /// is 1601–3000 on the device, 0001–9999 on .NET): a meter's answer must never become an exception.
        /// </summary>
        public bool TryToUtc(out DateTime utc)
        {
            utc = default(DateTime);
            if (Year < DateTime.MinValue.Year || Year > DateTime.MaxValue.Year || Month < 1 || Month > 12 || Day < 1 || Day > 31
                || Hour > 23 || Minute > 59 || Second > 59)
            {
                return false;
            }

            if (Day > DateTime.DaysInMonth(Year, Month))
            {
                return false;
            }

            int ms = Hundredths == Unspecified || Hundredths > 99 ? 0 : Hundredths * 10;
            long ticks = new DateTime(Year, Month, Day, Hour, Minute, Second, ms).Ticks;
            if (Deviation != DeviationNotSpecified)
            {
                // No overflow: any int of minutes is below 1.3e18 ticks, the whole DateTime range below 3.2e18.
                ticks += Deviation * TimeSpan.TicksPerMinute;
            }

            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            utc = new DateTime(ticks);
            return true;
        }

        /// <summary>ISO-like text with '*' for unspecified fields, e.g. "2021-12-27T14:00:45.00+60min status=00".</summary>
        public override string ToString()
        {
            var sb = new StringBuilder(40);
            Field(sb, Year, 0xFFFF, 4).Append('-');
            Field(sb, Month, Unspecified, 2).Append('-');
            Field(sb, Day, Unspecified, 2).Append('T');
            Field(sb, Hour, Unspecified, 2).Append(':');
            Field(sb, Minute, Unspecified, 2).Append(':');
            Field(sb, Second, Unspecified, 2).Append('.');
            Field(sb, Hundredths, Unspecified, 2);
            if (Deviation != DeviationNotSpecified)
            {
                sb.Append(Deviation >= 0 ? "+" : "").Append(Deviation).Append("min");
            }

            if (ClockStatus != Unspecified)
            {
                sb.Append(" status=").Append(ClockStatus.ToString("X2"));
            }

            return sb.ToString();
        }

        private static StringBuilder Field(StringBuilder sb, int value, int unspecified, int width)
        {
            if (value == unspecified)
            {
                return sb.Append('*');
            }

            string text = value.ToString();
            for (int i = text.Length; i < width; i++)
            {
                sb.Append('0');
            }

            return sb.Append(text);
        }
    }
}
