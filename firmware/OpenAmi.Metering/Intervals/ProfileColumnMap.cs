using System;
using System.Collections;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Axdr;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.ClockSync;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// A vendor profile's <see cref="CaptureProfile"/> laid over what one meter's Profile generic object actually
    /// captures (attribute 3, capture_objects): the clock column, each VMRS register's column and scaler_unit. A
    /// register the profile names but the meter does not capture is listed in <see cref="Missing"/>, not guessed.
    /// Rows of the buffer (as <see cref="OpenAmi.Dlms.Client.ProfileGenericReader"/> returns them) decode into an
    /// <see cref="IntervalRecord"/>.
    /// </summary>
    public sealed class ProfileColumnMap
    {
        private readonly int[] _indexes;
        private readonly int[] _scalers;
        private readonly int[] _units;
        private readonly bool _invertedDeviation;
        private readonly int _width;

        private ProfileColumnMap(CaptureProfile profile, int clock, ProfileItem[] columns, int[] indexes, ProfileItem[] missing,
            int width, uint capturePeriod, bool invertedDeviation)
        {
            Profile = profile;
            ClockColumn = clock;
            Columns = columns;
            _indexes = indexes;
            Missing = missing;
            _width = width;
            CapturePeriod = capturePeriod;
            _invertedDeviation = invertedDeviation;
            _scalers = new int[columns.Length];
            _units = new int[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                _units[i] = -1;
                if (columns[i].HasScaler && columns[i].UnitCode >= 0)
                {
                    SetScalerUnit(i, columns[i].Scaler, columns[i].UnitCode);
                }
            }
        }

        public CaptureProfile Profile { get; }

        /// <summary>Seconds between captures (0: captured on events only).</summary>
        public uint CapturePeriod { get; }

        /// <summary>The meter sends its newest row first (sort_method LIFO); FIFO otherwise.</summary>
        public bool NewestFirst { get; private set; }

        /// <summary>The 0-based column of the clock's time in the meter's rows.</summary>
        public int ClockColumn { get; }

        /// <summary>The profile's registers the meter captures, in the profile's order (the order of <see cref="IntervalRecord.Values"/>).</summary>
        public ProfileItem[] Columns { get; }

        /// <summary>The profile's registers the meter does not capture in this object.</summary>
        public ProfileItem[] Missing { get; }

        /// <summary>
        /// Maps <paramref name="profile"/> onto the meter's <paramref name="description"/>. A profile without the clock's
        /// time among its capture objects cannot date its rows: <see cref="DlmsErrorCode.Malformed"/>.
        /// </summary>
        public static ProfileColumnMap Resolve(CaptureProfile profile, ProfileDescription description, bool invertedDeviation)
        {
            if (profile == null || description == null || description.CaptureObjects == null)
            {
                throw new ArgumentNullException(profile == null ? "profile" : "description");
            }

            int clock = description.ColumnOf(CosemClass.Clock, CosemClass.ClockObject, CosemClass.ClockTime);
            if (clock < 0)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "profile " + ObisName.Format(profile.LogicalName) + " does not capture the clock's time");
            }

            var found = new ArrayList();
            var missing = new ArrayList();
            var indexes = new int[profile.Columns.Length];
            for (int i = 0; i < profile.Columns.Length; i++)
            {
                var target = profile.Columns[i].Target;
                int column = description.ColumnOf((ushort)target.ClassId, ObisCode.FromBytes(target.LogicalName, 0), target.Attribute);
                if (column < 0)
                {
                    missing.Add(profile.Columns[i]);
                    continue;
                }

                indexes[found.Count] = column;
                found.Add(profile.Columns[i]);
            }

            var mapped = new int[found.Count];
            Array.Copy(indexes, mapped, mapped.Length);
            var map = new ProfileColumnMap(profile, clock, (ProfileItem[])found.ToArray(typeof(ProfileItem)), mapped,
                (ProfileItem[])missing.ToArray(typeof(ProfileItem)), description.CaptureObjects.Length, description.CapturePeriod, invertedDeviation);
            map.NewestFirst = description.SortMethod == ProfileDescription.Lifo;
            return map;
        }

        /// <summary>True when column <paramref name="column"/> still needs its register's scaler_unit (attribute 3) from the meter.</summary>
        public bool NeedsScalerUnit(int column) => _units[column] < 0;

        /// <summary>
        /// The scaler_unit of column <paramref name="column"/> as the meter reports it (attribute 3 of the captured
        /// register). A unit that cannot express the VMRS unit is refused (<see cref="ArgumentException"/>).
        /// </summary>
        public void SetScalerUnit(int column, int scaler, int unit)
        {
            var item = Columns[column].Item;
            if (UnitCodes.FactorToVmrs(unit, item.Unit) == 0)
            {
                throw new ArgumentException("unit " + Units.Symbol(unit) + " cannot express " + item.Name + " (" + item.Unit + ")");
            }

            _scalers[column] = scaler + UnitCodes.ExponentToVmrs(unit, item.Unit);
            _units[column] = unit;
        }

        /// <summary>
        /// Decodes one buffer row into <paramref name="into"/>. <paramref name="previous"/> is the UTC capture time of the
        /// row before (or <see cref="DateTime.MinValue"/>): a meter may send null-data for a capture time that follows
        /// from the previous one and the capture period (Blue Book 4.3.6). A row of the wrong shape or an undated row is a typed
        /// <see cref="DlmsException"/>; a column whose scaler_unit was never set is an <see cref="InvalidOperationException"/>.
        /// </summary>
        public void Decode(DataValue row, DateTime previous, IntervalRecord into)
        {
            if (row == null || row.Type != DataType.Structure || row.Count != _width)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "a profile row is a structure of " + _width.ToString() + " captured values");
            }

            DecodeTime(row[ClockColumn], previous, into);
            for (int i = 0; i < Columns.Length; i++)
            {
                var cell = row[_indexes[i]];
                if (cell.Type == DataType.NullData)
                {
                    into.Present[i] = false;
                    continue;
                }

                if (!cell.IsInteger && !cell.IsReal)
                {
                    throw new DlmsException(DlmsErrorCode.Malformed, Columns[i].Item.Name + " in a profile row is not a number");
                }

                if (_units[i] < 0)
                {
                    throw new InvalidOperationException("scaler_unit of " + Columns[i].Target.ToString() + " not set (SetScalerUnit)");
                }

                into.Values[i] = UnitCodes.Scale(cell.AsDouble(), _scalers[i]);
                into.Present[i] = true;
            }
        }

        private void DecodeTime(DataValue cell, DateTime previous, IntervalRecord into)
        {
            if (cell.Type == DataType.NullData)
            {
                if (previous == DateTime.MinValue || CapturePeriod == 0)
                {
                    throw new DlmsException(DlmsErrorCode.Malformed, "a profile row without a capture time follows no dated row");
                }

                into.CapturedUtc = previous.AddSeconds(CapturePeriod);
                into.ClockSuspect = false;
                return;
            }

            if (cell.Type != DataType.OctetString || cell.AsBytes().Length != CosemDateTime.Size)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "a profile row's capture time is not a 12-byte date-time");
            }

            var time = CosemDateTime.Parse(cell.AsBytes());
            DateTime utc;
            if (!MeterTime.TryToUtc(time, _invertedDeviation, out utc))
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "a profile row's capture time is not a complete date-time");
            }

            into.CapturedUtc = utc;
            into.ClockSuspect = MeterTime.ClockInvalid(time) || time.Doubtful;
        }
    }
}
