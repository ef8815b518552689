using System.Collections;
using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Profiles
{
    /// <summary>Everything the gateway must know about one meter model, loaded from JSON (docs/metering.md gives the format).</summary>
    public sealed class VendorProfile
    {
        // Zero-length arrays cannot change: every profile without items, status bits, capture profiles or variants shares one.
        internal static readonly ProfileItem[] NoItems = new ProfileItem[0];
        internal static readonly StatusBit[] NoStatusBits = new StatusBit[0];
        internal static readonly CaptureProfile[] NoProfiles = new CaptureProfile[0];
        internal static readonly ProfileVariant[] NoVariants = new ProfileVariant[0];

        public string Id { get; set; }

        public string Vendor { get; set; }

        public string Model { get; set; }

        public MeterProtocol Protocol { get; set; }

        public LinkMedium Medium { get; set; }

        public int Baud { get; set; } = 9600;

        public int DataBits { get; set; } = 8;

        public Parity Parity { get; set; }

        public int StopBits { get; set; } = 1;

        /// <summary>DLMS client SAP (16 = public client) or unused for Modbus.</summary>
        public int ClientAddress { get; set; } = 16;

        /// <summary>DLMS server logical address (1 = management logical device).</summary>
        public int LogicalAddress { get; set; } = 1;

        /// <summary>Default HDLC physical address or Modbus unit when the installation does not give one.</summary>
        public int DefaultAddress { get; set; } = 1;

        public ProfileAuthentication Authentication { get; set; }

        /// <summary>Name of the secret in the gateway's key store; profiles never carry secrets themselves.</summary>
        public string SecretRef { get; set; }

        /// <summary>Protection the meter insists on for xDLMS APDUs (keys from <see cref="SecretRef"/>).</summary>
        public SecurityPolicy Security { get; set; }

        public TokenEncoding TokenEncoding { get; set; }

        /// <summary>The meter should never see export; reverse energy on it is a theft signal.</summary>
        public bool ImportOnly { get; set; }

        /// <summary>True for meters that write the date-time deviation as local − UTC instead of the COSEM UTC − local.</summary>
        public bool InvertedDeviationSign { get; set; }

        public ProfileItem[] Items { get; set; } = NoItems;

        public StatusBit[] StatusBits { get; set; } = NoStatusBits;

        /// <summary>DLMS only: the meter's Profile generic objects and the VMRS registers each captures.</summary>
        public CaptureProfile[] Profiles { get; set; } = NoProfiles;

        /// <summary>The first profile of <paramref name="kind"/>, or null when the model keeps none.</summary>
        public CaptureProfile FindProfile(CaptureProfileKind kind)
        {
            for (int i = 0; i < Profiles.Length; i++)
            {
                if (Profiles[i].Kind == kind)
                {
                    return Profiles[i];
                }
            }

            return null;
        }

        /// <summary>The model's known register layouts (empty: one layout, all in <see cref="Items"/>).</summary>
        public ProfileVariant[] Variants { get; set; } = NoVariants;

        /// <summary>The layout registration chose for one meter (null for a model without variants, or when none fitted).</summary>
        public ProfileVariant Variant { get; private set; }

        /// <summary>The factory address is the last two digits of the number on the meter's label, not <see cref="DefaultAddress"/>.</summary>
        public bool AddressFromLabel { get; set; }

        /// <summary>
        /// Reverse energy is a theft signal here and the meter can show it: an import-only model whose import
        /// register does not swallow export (a layout that sums both directions hides reverse flow).
        /// </summary>
        public bool ChecksReverseEnergy => ImportOnly && (Variant == null || !Variant.ImportIncludesExport);

        /// <summary>The profile of one meter of layout <paramref name="variant"/>: the common items and the variant's.</summary>
        public VendorProfile WithVariant(ProfileVariant variant)
        {
            var items = new ProfileItem[Items.Length + variant.Items.Length];
            Items.CopyTo(items, 0);
            variant.Items.CopyTo(items, Items.Length);
            var copy = WithItems(items);
            copy.Variant = variant;
            return copy;
        }

        /// <summary>The profile of a meter that fits none of the variants: only the items every layout shares.</summary>
        public VendorProfile CommonOnly() => WithItems(Items);

        /// <summary>This profile without <paramref name="item"/>: for an edition of the model that lacks its register.</summary>
        public VendorProfile Without(VmrsItem item)
        {
            var kept = new ArrayList();
            for (int i = 0; i < Items.Length; i++)
            {
                if (Items[i].Item != item)
                {
                    kept.Add(Items[i]);
                }
            }

            var copy = WithItems((ProfileItem[])kept.ToArray(typeof(ProfileItem)));
            copy.Variant = Variant;
            return copy;
        }

        private VendorProfile WithItems(ProfileItem[] items) => new VendorProfile
        {
            Id = Id, Vendor = Vendor, Model = Model, Protocol = Protocol, Medium = Medium, Baud = Baud,
            DataBits = DataBits, Parity = Parity, StopBits = StopBits, ClientAddress = ClientAddress, LogicalAddress = LogicalAddress,
            DefaultAddress = DefaultAddress, Authentication = Authentication, SecretRef = SecretRef, Security = Security,
            TokenEncoding = TokenEncoding, ImportOnly = ImportOnly, InvertedDeviationSign = InvertedDeviationSign,
            AddressFromLabel = AddressFromLabel, Items = items, StatusBits = StatusBits, Profiles = Profiles,
        };

        /// <summary>True when the common items or at least one variant map <paramref name="item"/> (a model gap otherwise).</summary>
        public bool MapsInSomeLayout(VmrsItem item)
        {
            if (Find(item) != null)
            {
                return true;
            }

            for (int v = 0; v < Variants.Length; v++)
            {
                for (int i = 0; i < Variants[v].Items.Length; i++)
                {
                    if (Variants[v].Items[i].Item == item)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The profile's mapping for a VMRS item, or null when the model lacks it.</summary>
        public ProfileItem Find(VmrsItem item)
        {
            for (int i = 0; i < Items.Length; i++)
            {
                if (Items[i].Item == item)
                {
                    return Items[i];
                }
            }

            return null;
        }
    }
}
