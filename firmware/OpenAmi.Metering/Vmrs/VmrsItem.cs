namespace OpenAmi.Metering.Vmrs
{
    /// <summary>Whether a VMRS item must be published.</summary>
    public enum VmrsRequirement
    {
        Required = 0,
        Optional = 1,
        /// <summary>Required on prepaid meters only (the draft's "if-prepaid").</summary>
        IfPrepaid = 2,
    }

    /// <summary>How often an item is worth reading; the scheduler maps each class to an interval.</summary>
    public enum PollClass
    {
        Billing = 0,
        Instantaneous = 1,
        Event = 2,
        Static = 3,
        Sync = 4,
    }

    /// <summary>What an item measures, which decides normalisation and plausibility rules.</summary>
    public enum VmrsQuantity
    {
        ActiveEnergy = 0,
        ActivePower = 1,
        Voltage = 2,
        Frequency = 3,
        Clock = 4,
        Identifier = 5,
        StatusBits = 6,
        Counter = 7,
        Credit = 8,
        DisconnectState = 9,
        EventCode = 10,
    }

    /// <summary>One entry of the Village Minimum Register Set, resolved to the COSEM object behind it.</summary>
    public sealed class VmrsItem
    {
        public VmrsItem(string code, string draftCode, string name, VmrsQuantity quantity, int classId, string logicalName,
            int attribute, string unit, VmrsRequirement requirement, char tier, PollClass pollClass, string[] alternateNames)
        {
            Code = code;
            DraftCode = draftCode;
            Name = name;
            Quantity = quantity;
            ClassId = classId;
            LogicalName = ObisName.Parse(logicalName);
            Attribute = attribute;
            Unit = unit;
            Requirement = requirement;
            Tier = tier;
            PollClass = pollClass;
            AlternateNames = new byte[alternateNames.Length][];
            for (int i = 0; i < alternateNames.Length; i++)
            {
                AlternateNames[i] = ObisName.Parse(alternateNames[i]);
            }
        }

        /// <summary>The code published in the envelope's "obis" field.</summary>
        public string Code { get; }

        /// <summary>The key the VMRS draft used (differs from <see cref="Code"/> where an erratum applied).</summary>
        public string DraftCode { get; }

        public string Name { get; }

        public VmrsQuantity Quantity { get; }

        public int ClassId { get; }

        public byte[] LogicalName { get; }

        public int Attribute { get; }

        /// <summary>VMRS unit as published: kWh, W, V, Hz, datetime, text, bitfield, count, enum, event, currency or kWh.</summary>
        public string Unit { get; }

        public VmrsRequirement Requirement { get; }

        /// <summary>Certainty tier A, B or C from the draft.</summary>
        public char Tier { get; }

        public PollClass PollClass { get; }

        /// <summary>Other logical names vendors use for the same thing (tried by auto-profile and registration).</summary>
        public byte[][] AlternateNames { get; }

        /// <summary>True for numbers a COSEM register (class 3) carries with a scaler_unit.</summary>
        public bool IsScaledNumber =>
            Quantity == VmrsQuantity.ActiveEnergy || Quantity == VmrsQuantity.ActivePower ||
            Quantity == VmrsQuantity.Voltage || Quantity == VmrsQuantity.Frequency;
    }
}
