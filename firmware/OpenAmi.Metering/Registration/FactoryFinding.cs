namespace OpenAmi.Metering.Registration
{
    /// <summary>A meter that answered at its model's factory link settings, not at the bus's own.</summary>
    public sealed class FactoryFinding
    {
        public FactoryFinding(string profileId, int address, int baud, string serial)
        {
            ProfileId = profileId;
            Address = address;
            Baud = baud;
            Serial = serial;
        }

        public string ProfileId { get; }

        public int Address { get; }

        /// <summary>The speed it answered at (8N1).</summary>
        public int Baud { get; }

        /// <summary>The serial it reported, or null when the model (or this edition of it) has none.</summary>
        public string Serial { get; }
    }
}
