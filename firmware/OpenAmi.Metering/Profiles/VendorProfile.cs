using OpenAmi.Metering.Vmrs;

namespace OpenAmi.Metering.Profiles
{
    /// <summary>Everything the gateway must know about one meter model, loaded from JSON (docs/metering.md gives the format).</summary>
    public sealed class VendorProfile
    {
        public string Id { get; set; }

        public string Vendor { get; set; }

        public string Model { get; set; }

        /// <summary>Public document the mapping was taken from (datasheet, ICD) so it can be checked.</summary>
        public string Source { get; set; }

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

        public AuthenticationLevel Authentication { get; set; }

        /// <summary>Name of the secret in the gateway's key store; profiles never carry secrets themselves.</summary>
        public string SecretRef { get; set; }

        /// <summary>Protection the meter insists on for xDLMS APDUs (keys from <see cref="SecretRef"/>).</summary>
        public SecurityPolicy Security { get; set; }

        public TokenEncoding TokenEncoding { get; set; }

        /// <summary>The meter should never see export; reverse energy on it is a theft signal.</summary>
        public bool ImportOnly { get; set; }

        /// <summary>True for meters that write the date-time deviation as local − UTC instead of the COSEM UTC − local.</summary>
        public bool InvertedDeviationSign { get; set; }

        public ProfileItem[] Items { get; set; } = new ProfileItem[0];

        public StatusBit[] StatusBits { get; set; } = new StatusBit[0];

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
