namespace OpenAmi.Metering.Vmrs
{
    /// <summary>
    /// The Village Minimum Register Set v0.1-draft (docs/specs/vmrs-registers.json) with the errata of
    /// its published errata resolved; docs/vmrs.md gives the table and the reasoning for each change.
    /// </summary>
    public static class VmrsCatalogue
    {
        public const string ActiveEnergyImport = "1.8.0";
        public const string ActiveEnergyExport = "2.8.0";
        public const string ActivePowerImport = "1.7.0";
        public const string VoltageL1 = "32.7.0";
        public const string Frequency = "14.7.0";
        public const string Clock = "0.0.1.0.0.255";
        public const string BillingPeriodCounter = "0.0.0.1.0.255";
        public const string DeviceId = "0.0.96.1.1.255";
        public const string Status = "96.5.0";
        public const string Credit = "0.0.19.10.0.255";
        public const string Disconnect = "0.0.96.3.10.255";
        public const string LastTokenEvent = "96.11.5";

        private static readonly string[] None = new string[0];

        public static readonly VmrsItem[] Items =
        {
            new VmrsItem(ActiveEnergyImport, "1.8.0", "Active energy import (total)", VmrsQuantity.ActiveEnergy,
                3, "1-0:1.8.0*255", 2, "kWh", VmrsRequirement.Required, 'A', PollClass.Billing, None),
            new VmrsItem(ActiveEnergyExport, "2.8.0", "Active energy export (total)", VmrsQuantity.ActiveEnergy,
                3, "1-0:2.8.0*255", 2, "kWh", VmrsRequirement.Optional, 'A', PollClass.Billing, None),
            new VmrsItem(ActivePowerImport, "1.7.0", "Instantaneous active power import", VmrsQuantity.ActivePower,
                3, "1-0:1.7.0*255", 2, "W", VmrsRequirement.Required, 'A', PollClass.Instantaneous, None),
            new VmrsItem(VoltageL1, "32.7.0", "Instantaneous voltage (L1)", VmrsQuantity.Voltage,
                3, "1-0:32.7.0*255", 2, "V", VmrsRequirement.Required, 'A', PollClass.Instantaneous, None),
            new VmrsItem(Frequency, "14.7.0", "Supply frequency", VmrsQuantity.Frequency,
                3, "1-0:14.7.0*255", 2, "Hz", VmrsRequirement.Optional, 'A', PollClass.Instantaneous, None),
            // Erratum: the draft's "0.0.0" is not the clock; the COSEM clock is 0-0:1.0.0*255, class 8.
            new VmrsItem(Clock, "0.0.0", "Clock / device time", VmrsQuantity.Clock,
                8, "0-0:1.0.0*255", 2, "datetime", VmrsRequirement.Required, 'A', PollClass.Sync, None),
            // Erratum: the draft filed the billing period counter under 96.1.0 (the device-ID group); it is 0.1.0.
            new VmrsItem(BillingPeriodCounter, "96.1.0", "Billing period counter", VmrsQuantity.Counter,
                1, "0-0:0.1.0*255", 2, "count", VmrsRequirement.Optional, 'A', PollClass.Billing, None),
            // 96.1.0 (device ID 1, manufacturing number) is the standard serial; many ICDs use 96.1.1 (device ID 2).
            new VmrsItem(DeviceId, "0.0.96.1.1.255", "Device ID / serial number", VmrsQuantity.Identifier,
                1, "0-0:96.1.0*255", 2, "text", VmrsRequirement.Required, 'B', PollClass.Static, new[] { "0-0:96.1.1*255" }),
            new VmrsItem(Status, "96.5.0", "Internal operating / alarm status", VmrsQuantity.StatusBits,
                1, "0-0:96.5.0*255", 2, "bitfield", VmrsRequirement.Required, 'B', PollClass.Event, None),
            // Erratum: 96.8.0 is time of operation. Credit lives in the prepayment classes; Credit (class 112)
            // attribute 2 is current_credit_amount, first instance 0-0:19.10.0*255.
            new VmrsItem(Credit, "96.8.0", "Remaining credit / prepayment balance", VmrsQuantity.Credit,
                112, "0-0:19.10.0*255", 2, "currency or kWh", VmrsRequirement.IfPrepaid, 'B', PollClass.Event, None),
            // Disconnect control (class 70) attribute 2 output_state: true = connected.
            new VmrsItem(Disconnect, "0.0.96.3.10.255", "Disconnect control", VmrsQuantity.DisconnectState,
                70, "0-0:96.3.10*255", 2, "enum", VmrsRequirement.Required, 'B', PollClass.Event, None),
            new VmrsItem(LastTokenEvent, "96.11.5", "Last token / transfer event register", VmrsQuantity.EventCode,
                1, "0-0:96.11.5*255", 2, "event", VmrsRequirement.Optional, 'C', PollClass.Event, None),
        };

        /// <summary>The code of each of <see cref="Items"/>, in the same order (a profile's item names are matched against them in place).</summary>
        public static readonly string[] Codes = CodesOf(Items);

        /// <summary>Finds an item by its code; null when unknown.</summary>
        public static VmrsItem Find(string code)
        {
            for (int i = 0; i < Items.Length; i++)
            {
                if (Items[i].Code == code)
                {
                    return Items[i];
                }
            }

            return null;
        }

        private static string[] CodesOf(VmrsItem[] items)
        {
            var codes = new string[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                codes[i] = items[i].Code;
            }

            return codes;
        }

        /// <summary>The item the draft filed under <paramref name="draftCode"/> when an erratum gave it another code; else null.</summary>
        public static VmrsItem FindRenamed(string draftCode)
        {
            for (int i = 0; i < Items.Length; i++)
            {
                if (Items[i].DraftCode == draftCode && Items[i].Code != draftCode)
                {
                    return Items[i];
                }
            }

            return null;
        }

        public static int IndexOf(VmrsItem item)
        {
            for (int i = 0; i < Items.Length; i++)
            {
                if (Items[i] == item)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
