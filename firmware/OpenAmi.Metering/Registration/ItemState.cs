using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;

namespace OpenAmi.Metering.Registration
{
    /// <summary>What the gateway keeps per meter per VMRS item between polls.</summary>
    public sealed class ItemState
    {
        public ItemState(ProfileItem mapping)
        {
            Mapping = mapping;
            ScalerTarget = mapping.Target.WithAttribute(3);
            if (mapping.HasScaler && mapping.UnitCode >= 0)
            {
                ScalerKnown = true;
                Scaler = mapping.Scaler;
                UnitCode = mapping.UnitCode;
            }
        }

        public ProfileItem Mapping { get; }

        /// <summary>Attribute 3 (scaler_unit) of the same object, built once.</summary>
        public CosemAttributeRef ScalerTarget { get; }

        public bool ScalerKnown;
        public int Scaler;
        public int UnitCode;

        public long IntervalMs;
        public long NextDueMs;

        public readonly EnergyTrack Energy = new EnergyTrack();

        /// <summary>Last good value, republished with quality comms_lost while the meter is silent.</summary>
        public bool HasLast;
        public double LastNumber;
        public string LastText;
    }
}
