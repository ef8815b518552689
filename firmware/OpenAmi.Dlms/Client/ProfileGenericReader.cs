using System;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;

namespace OpenAmi.Dlms.Client
{
    /// <summary>
    /// Reads Profile generic (class 7) objects through an open <see cref="DlmsClient"/>: the description
    /// (capture_objects, capture_period, sort_method, entries_in_use, profile_entries) and the buffer — whole, by range
    /// on a date-time column, or by entry. A buffer is returned as the meter sent it: an array of rows, each a
    /// structure with one value per selected column (a clock column is a 12-byte octet-string date-time).
    /// </summary>
    public sealed class ProfileGenericReader
    {
        /// <summary>Clock status bit 7: daylight saving active.</summary>
        private const int DaylightSavingActive = 0x80;
        private readonly DlmsClient _client;

        public ProfileGenericReader(DlmsClient client)
        {
            _client = client;
        }

        /// <summary>Reads attributes 3, 4, 5, 7 and 8 (five GETs, in that order).</summary>
        public ProfileDescription ReadDescription(ObisCode profile)
        {
            return new ProfileDescription
            {
                LogicalName = profile,
                CaptureObjects = CaptureObject.ListFromData(Attribute(profile, CosemClass.CaptureObjects)),
                CapturePeriod = ProfileDescription.Unsigned(Attribute(profile, CosemClass.CapturePeriod), "capture_period"),
                SortMethod = (int)ProfileDescription.Unsigned(Attribute(profile, CosemClass.SortMethod), "sort_method"),
                EntriesInUse = ProfileDescription.Unsigned(Attribute(profile, CosemClass.EntriesInUse), "entries_in_use"),
                ProfileEntries = ProfileDescription.Unsigned(Attribute(profile, CosemClass.ProfileEntries), "profile_entries"),
            };
        }

        /// <summary>The whole buffer (no selective access).</summary>
        public DataValue ReadAll(ObisCode profile) => Rows(_client.Get(Buffer(profile), 0, null));

        /// <summary>
        /// The rows whose <paramref name="restricting"/> column (normally the clock, <see cref="CaptureObject.ClockTime"/>)
        /// lies in [from, to], both inclusive. Write the bounds as the meter's clock shows time (its deviation and
        /// status: <see cref="CosemDateTime.AtMeter"/>). <paramref name="columns"/> null or empty = all columns.
        /// </summary>
        public DataValue ReadRange(ObisCode profile, CaptureObject restricting, CosemDateTime from, CosemDateTime to, CaptureObject[] columns) =>
            Rows(_client.Get(Buffer(profile), ProfileSelection.ByRangeSelector, ProfileSelection.ByRange(restricting, from, to, columns)));

        /// <summary>
        /// The rows captured from <paramref name="fromUtc"/> to <paramref name="toUtc"/> (inclusive), restricted on the
        /// clock column. The meter's clock is read first and the bounds are written with its present deviation and
        /// daylight-saving bit, so a meter that compares local time fields sees the same instants (an unspecified
        /// deviation is taken as UTC). A range across a daylight-saving change is bounded by the present offset.
        /// </summary>
        public DataValue ReadRangeUtc(ObisCode profile, DateTime fromUtc, DateTime toUtc, CaptureObject[] columns)
        {
            DataValue time = _client.Get(new AttributeReference(CosemClass.Clock, CosemClass.ClockObject, CosemClass.ClockTime));
            if (time == null || time.Type != DataType.OctetString || time.AsBytes().Length != CosemDateTime.Size)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "the meter's clock is not a 12-byte date-time");
            }

            var clock = CosemDateTime.Parse(time.AsBytes());
            int deviation = clock.Deviation == CosemDateTime.DeviationNotSpecified ? 0 : clock.Deviation;
            int status = clock.DaylightSaving ? DaylightSavingActive : 0;
            return ReadRange(profile, CaptureObject.ClockTime(), CosemDateTime.AtMeter(fromUtc, deviation, status),
                CosemDateTime.AtMeter(toUtc, deviation, status), columns);
        }

        /// <summary>
        /// Entries <paramref name="fromEntry"/>…<paramref name="toEntry"/> (1-based; 0 = the newest) and columns (0 = to
        /// the last). Rows beyond the count asked for are dropped: some meters read to_entry as a row count and send
        /// more rows from from_entry on, and a caller stepping through the buffer would otherwise see them twice.
        /// </summary>
        public DataValue ReadEntries(ObisCode profile, uint fromEntry, uint toEntry, int fromColumn, int toColumn)
        {
            DataValue rows = Rows(_client.Get(Buffer(profile), ProfileSelection.ByEntrySelector,
                ProfileSelection.ByEntry(fromEntry, toEntry, fromColumn, toColumn)));
            long asked = toEntry == 0 ? long.MaxValue : (long)toEntry - fromEntry + 1;
            if (rows.Count <= asked)
            {
                return rows;
            }

            var kept = new DataValue[(int)asked];
            for (int i = 0; i < kept.Length; i++)
            {
                kept[i] = rows[i];
            }

            return DataValue.FromArray(kept);
        }

        private DataValue Attribute(ObisCode profile, int attribute) =>
            _client.Get(new AttributeReference(CosemClass.ProfileGeneric, profile, attribute));

        private static AttributeReference Buffer(ObisCode profile) =>
            new AttributeReference(CosemClass.ProfileGeneric, profile, CosemClass.Buffer);

        private static DataValue Rows(DataValue buffer)
        {
            if (buffer == null || buffer.Type != DataType.Array)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "profile buffer is not an array of rows");
            }

            for (int i = 0; i < buffer.Count; i++)
            {
                if (buffer[i].Type != DataType.Structure)
                {
                    throw new DlmsException(DlmsErrorCode.Malformed, "profile buffer row " + (i + 1) + " is not a structure");
                }
            }

            return buffer;
        }
    }
}
