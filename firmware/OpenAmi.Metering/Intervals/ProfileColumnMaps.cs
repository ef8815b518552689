using System.Collections;
using OpenAmi.Dlms;
using OpenAmi.Dlms.Cosem;
using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;

namespace OpenAmi.Metering.Intervals
{
    /// <summary>
    /// The column maps of the meters' Profile generic objects, each resolved once per meter and profile kind: the
    /// object's description (capture_objects, capture_period, sort method), then the scaler_units of the columns the
    /// vendor profile gives none for. Shared by the backfill and on-demand range reads.
    /// </summary>
    public sealed class ProfileColumnMaps
    {
        private const int ScalerUnitAttribute = 3;

        /// <summary>One slot per <see cref="CaptureProfileKind"/> value.</summary>
        private const int Kinds = 2;

        private readonly IMeterReader _reader;
        private readonly IProfileMeterReader _profiles;
        private readonly MeterValue _value = new MeterValue();

        // Per meter id: ProfileColumnMap[Kinds], indexed by the kind.
        private readonly Hashtable _maps = new Hashtable();

        public ProfileColumnMaps(IMeterReader reader, IProfileMeterReader profiles)
        {
            _reader = reader;
            _profiles = profiles;
        }

        /// <summary>
        /// The map of <paramref name="captured"/> (one of <paramref name="profile"/>'s objects) on meter
        /// <paramref name="meterId"/>: cached, or read from the meter. A description that does not fit the profile is
        /// <see cref="ReadStatus.UnexpectedType"/>; the meter's refusal or silence is its status.
        /// </summary>
        public ReadStatus Get(string meterId, int address, VendorProfile profile, CaptureProfile captured, out ProfileColumnMap map)
        {
            var byKind = (ProfileColumnMap[])_maps[meterId];
            map = byKind == null ? null : byKind[(int)captured.Kind];
            if (map != null)
            {
                return ReadStatus.Ok;
            }

            ProfileDescription description;
            var status = _profiles.ReadProfileDescription(address, captured.LogicalName, out description);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            ProfileColumnMap resolved;
            try
            {
                resolved = ProfileColumnMap.Resolve(captured, description, profile.InvertedDeviationSign);
            }
            catch (DlmsException)
            {
                return ReadStatus.UnexpectedType;
            }

            for (int c = 0; c < resolved.Columns.Length; c++)
            {
                status = ScalerUnit(address, resolved, c);
                if (status != ReadStatus.Ok)
                {
                    return status;
                }
            }

            if (byKind == null)
            {
                byKind = new ProfileColumnMap[Kinds];
                _maps[meterId] = byKind;
            }

            byKind[(int)captured.Kind] = resolved;
            map = resolved;
            return ReadStatus.Ok;
        }

        /// <summary>Forgets a meter's maps (after the meter was replaced or re-profiled).</summary>
        public void Forget(string meterId)
        {
            _maps.Remove(meterId);
        }

        private ReadStatus ScalerUnit(int address, ProfileColumnMap map, int column)
        {
            if (!map.NeedsScalerUnit(column))
            {
                return ReadStatus.Ok;
            }

            var status = _reader.Read(address, map.Columns[column].Target.WithAttribute(ScalerUnitAttribute), _value);
            if (status != ReadStatus.Ok)
            {
                return status;
            }

            if (_value.Kind != MeterValueKind.ScalerUnit)
            {
                return ReadStatus.UnexpectedType;
            }

            try
            {
                map.SetScalerUnit(column, _value.Scaler, _value.UnitCode);
            }
            catch (System.ArgumentException)
            {
                return ReadStatus.UnexpectedType;
            }

            return ReadStatus.Ok;
        }
    }
}
