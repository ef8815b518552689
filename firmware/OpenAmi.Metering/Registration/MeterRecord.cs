using OpenAmi.Metering.Ports;
using OpenAmi.Metering.Profiles;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Registration
{
    public enum MeterRole
    {
        Customer = 0,
        /// <summary>The check meter at the feeder head, against which customer meters are balanced.</summary>
        FeederHead = 1,
    }

    /// <summary>A registered meter: where it is, what it is, and the per-item state polling keeps for it.</summary>
    public sealed class MeterRecord
    {
        public MeterRecord(IMeterReader reader, int address, VendorProfile profile)
        {
            Reader = reader;
            Address = address;
            Profile = profile;
            Items = new ItemState[VmrsCatalogue.Items.Length];
            UseLayout(profile);
        }

        public IMeterReader Reader { get; }

        public int Address { get; }

        public VendorProfile Profile { get; private set; }

        public string Serial { get; set; }

        /// <summary>True when <see cref="Serial"/> is the gateway's stand-in (profile id @ address), not read from the meter.</summary>
        public bool SerialSynthetic { get; set; }

        public string Firmware { get; set; }

        public MeterRole Role { get; set; }

        /// <summary>Rating of the breaker in front of the meter, A (0 = use the site default).</summary>
        public double BreakerA { get; set; }

        /// <summary>Parallel to <see cref="VmrsCatalogue.Items"/>; null where the profile has no mapping.</summary>
        public ItemState[] Items { get; }

        public int ConsecutiveSilences { get; set; }

        public long BackoffUntilMs { get; set; }

        /// <summary>True from the first silent transaction until the meter answers again.</summary>
        public bool CommsLost { get; set; }

        /// <summary>When polling of this meter began: the phase its items are scheduled on.</summary>
        public long ScheduledFromMs { get; set; }

        /// <summary>
        /// Switches to <paramref name="profile"/> (the register layout registration chose): items mapped the same way
        /// keep their state, newly mapped ones start fresh (not yet scheduled), items the layout lacks are dropped.
        /// </summary>
        public void UseLayout(VendorProfile profile)
        {
            Profile = profile;
            for (int i = 0; i < Items.Length; i++)
            {
                var mapping = profile.Find(VmrsCatalogue.Items[i]);
                if (mapping == null)
                {
                    Items[i] = null;
                }
                else if (Items[i] == null || Items[i].Mapping != mapping)
                {
                    Items[i] = new ItemState(mapping);
                }
            }
        }

        public ItemState State(VmrsItem item)
        {
            int index = VmrsCatalogue.IndexOf(item);
            return index < 0 ? null : Items[index];
        }
    }
}
