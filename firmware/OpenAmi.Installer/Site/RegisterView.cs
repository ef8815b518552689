using System;

namespace OpenAmi.Installer.Site
{
    /// <summary>One VMRS register of a meter: its last value with unit and quality (docs/vmrs.md).</summary>
    public sealed class RegisterView
    {
        /// <param name="code">The VMRS code, e.g. 1.8.0.</param>
        /// <param name="text">The value when it is not a number (a meter's clock); null for numbers.</param>
        public RegisterView(string code, string name, double value, string text, string unit, string quality, DateTime readUtc)
        {
            Code = code;
            Name = name;
            Value = value;
            Text = text;
            Unit = unit;
            Quality = quality;
            ReadUtc = readUtc;
        }

        public string Code { get; }

        public string Name { get; }

        /// <summary>NaN when there is no numeric value.</summary>
        public double Value { get; }

        public string Text { get; }

        public string Unit { get; }

        /// <summary>good, estimated, suspect or comms_lost.</summary>
        public string Quality { get; }

        public DateTime ReadUtc { get; }
    }
}
