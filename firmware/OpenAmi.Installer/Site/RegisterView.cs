using System;

namespace OpenAmi.Installer.Site
{
    /// <summary>One VMRS register of a meter: its last value with unit and quality (docs/vmrs.md).</summary>
    public sealed class RegisterView
    {
        public RegisterView(string code, string obis, double value, string unit, string quality, DateTime readUtc)
        {
            Code = code;
            Obis = obis;
            Value = value;
            Unit = unit;
            Quality = quality;
            ReadUtc = readUtc;
        }

        public string Code { get; }

        public string Obis { get; }

        public double Value { get; }

        public string Unit { get; }

        /// <summary>good, estimated, suspect or comms_lost.</summary>
        public string Quality { get; }

        public DateTime ReadUtc { get; }
    }
}
