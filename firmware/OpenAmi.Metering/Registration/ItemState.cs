using OpenAmi.Metering.Data;
using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Quality;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Registration
{
    /// <summary>What the gateway keeps per meter per VMRS item between polls.</summary>
    public sealed class ItemState
    {
        public ItemState(ProfileItem mapping)
        {
            Mapping = mapping;
            if (mapping.Item.Quantity == VmrsQuantity.ActiveEnergy)
            {
                Energy = new EnergyTrack();
            }

            if (mapping.HasScaler && mapping.UnitCode >= 0)
            {
                ScalerKnown = true;
                Scaler = mapping.Scaler;
                UnitCode = mapping.UnitCode;
            }
        }

        public ProfileItem Mapping { get; }

        /// <summary>
        /// Attribute 3 (scaler_unit) of the same object, built at the first scaler read: a Modbus point or a profile
        /// that sets the scaler never reads it, and every meter record is made at composition.
        /// </summary>
        public CosemAttributeRef ScalerTarget => _scalerTarget ?? (_scalerTarget = Mapping.Target.WithAttribute(3));

        private CosemAttributeRef _scalerTarget;

        public bool ScalerKnown;
        public int Scaler;
        public int UnitCode;

        public long IntervalMs;
        public long NextDueMs;

        /// <summary>The plausibility track of an active-energy register; null for the other quantities, which have none.</summary>
        public readonly EnergyTrack Energy;

        /// <summary>Last good value, republished with quality comms_lost while the meter is silent.</summary>
        public bool HasLast;
        public double LastNumber;
        public string LastText;
    }
}
