namespace OpenAmi.Northbound.Envelope
{
    /// <summary>The JSON type of a register value ("number | string | boolean" in the profile).</summary>
    public enum RegisterValueKind
    {
        Number = 0,
        Integer = 1,
        Text = 2,
        Flag = 3,
    }

    /// <summary>
    /// One VMRS register item {obis, value, unit, quality}. A writer of envelopes may keep one per slot and refill it
    /// (<see cref="SetNumber"/>, <see cref="SetText"/>) instead of allocating one per reading.
    /// </summary>
    public sealed class EnvelopeRegister
    {
        private EnvelopeRegister(string obis, RegisterValueKind kind, double number, long integer, string text, bool flag, string unit, Quality quality)
        {
            Assign(obis, kind, number, integer, text, flag, unit, quality);
        }

        private void Assign(string obis, RegisterValueKind kind, double number, long integer, string text, bool flag, string unit, Quality quality)
        {
            if (obis == null || obis.Length == 0)
            {
                throw new NorthboundException("a reading needs an OBIS code");
            }

            Obis = obis;
            Kind = kind;
            Number = number;
            Integer = integer;
            Text = text;
            Flag = flag;
            Unit = unit ?? string.Empty;
            Quality = quality;
        }

        public string Obis { get; private set; }

        public RegisterValueKind Kind { get; private set; }

        public double Number { get; private set; }

        public long Integer { get; private set; }

        public string Text { get; private set; }

        public bool Flag { get; private set; }

        public string Unit { get; private set; }

        public Quality Quality { get; private set; }

        public static EnvelopeRegister OfNumber(string obis, double value, string unit, Quality quality) =>
            new EnvelopeRegister(obis, RegisterValueKind.Number, value, 0, null, false, unit, quality);

        public static EnvelopeRegister OfInteger(string obis, long value, string unit, Quality quality) =>
            new EnvelopeRegister(obis, RegisterValueKind.Integer, 0, value, null, false, unit, quality);

        public static EnvelopeRegister OfText(string obis, string value, string unit, Quality quality) =>
            new EnvelopeRegister(obis, RegisterValueKind.Text, 0, 0, value ?? string.Empty, false, unit, quality);

        /// <summary>Makes this register the number <paramref name="value"/> (<see cref="OfNumber"/> without a new object).</summary>
        public void SetNumber(string obis, double value, string unit, Quality quality) =>
            Assign(obis, RegisterValueKind.Number, value, 0, null, false, unit, quality);

        /// <summary>Makes this register the text <paramref name="value"/> (<see cref="OfText"/> without a new object).</summary>
        public void SetText(string obis, string value, string unit, Quality quality) =>
            Assign(obis, RegisterValueKind.Text, 0, 0, value ?? string.Empty, false, unit, quality);

        public static EnvelopeRegister OfFlag(string obis, bool value, string unit, Quality quality) =>
            new EnvelopeRegister(obis, RegisterValueKind.Flag, 0, 0, null, value, unit, quality);
    }
}
