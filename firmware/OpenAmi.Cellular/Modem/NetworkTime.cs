using System;

namespace OpenAmi.Cellular.Modem
{
    /// <summary>Parses the +CCLK time string "yy/MM/dd,hh:mm:ss±zz" (3GPP TS 27.007 section 8.15; zz in quarter hours).</summary>
    public static class NetworkTime
    {
        /// <param name="start">First byte after "+CCLK:" (spaces and the opening quote are skipped).</param>
        public static bool TryParse(byte[] text, int start, int count, int minimumYear, out DateTime utc)
        {
            utc = DateTime.MinValue;
            int end = start + count;
            int p = start;
            while (p < end && (text[p] == (byte)' ' || text[p] == (byte)'"'))
            {
                p++;
            }

            // yy/MM/dd,hh:mm:ss then sign and 1-2 digits.
            if (end - p < 20)
            {
                return false;
            }

            int year = Two(text, p);
            int month = Two(text, p + 3);
            int day = Two(text, p + 6);
            int hour = Two(text, p + 9);
            int minute = Two(text, p + 12);
            int second = Two(text, p + 15);
            if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
                || text[p + 2] != (byte)'/' || text[p + 5] != (byte)'/' || text[p + 8] != (byte)',' || text[p + 11] != (byte)':' || text[p + 14] != (byte)':')
            {
                return false;
            }

            byte sign = text[p + 17];
            if (sign != (byte)'+' && sign != (byte)'-')
            {
                return false;
            }

            int quarters = 0;
            int q = p + 18;
            int digits = 0;
            while (q < end && digits < 2 && text[q] >= (byte)'0' && text[q] <= (byte)'9')
            {
                quarters = (quarters * 10) + (text[q] - (byte)'0');
                q++;
                digits++;
            }

            if (digits == 0 || (q < end && text[q] != (byte)'"'))
            {
                return false;
            }

            // Two-digit year: 70..99 → 19yy (SIM7600 restarts its clock at 1980-01-06, the GPS epoch), else 20yy.
            year += year >= 70 ? 1900 : 2000;
            if (year < minimumYear || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            int offsetMinutes = quarters * 15 * (sign == (byte)'-' ? -1 : 1);
            // nanoFramework DateTime is UTC-only (docs/device-subset.md), so no DateTimeKind is given.
            DateTime local = new DateTime(year, month, day, hour, minute, second);
            utc = local.AddMinutes(-offsetMinutes);
            return true;
        }

        private static int Two(byte[] text, int at)
        {
            int a = text[at] - (byte)'0';
            int b = text[at + 1] - (byte)'0';
            return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : (a * 10) + b;
        }
    }
}
