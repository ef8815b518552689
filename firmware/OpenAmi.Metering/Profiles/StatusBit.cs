namespace OpenAmi.Metering.Profiles
{
    /// <summary>One vendor-specific bit of the status word (VMRS 96.5.0): its name and whether it signals tampering.</summary>
    public sealed class StatusBit
    {
        public StatusBit(int bit, string name, bool tamper)
        {
            Bit = bit;
            Name = name;
            Tamper = tamper;
        }

        public int Bit { get; }

        public string Name { get; }

        public bool Tamper { get; }
    }
}
