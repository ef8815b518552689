using System;

namespace OpenAmi.Installer.Site
{
    /// <summary>One tenant line: its state, its last trip and why, lockout and last self-test (docs/safety.md).</summary>
    public sealed class LineView
    {
        public int Line { get; set; }

        /// <summary>The RCM channel id from the configuration.</summary>
        public string Channel { get; set; }

        /// <summary>off, probing, on, tripped, faulted or locked_out.</summary>
        public string State { get; set; }

        /// <summary>The cause of the last trip (for example dc_leakage, ac_leakage, hardware_latch), or null if none.</summary>
        public string LastTripCause { get; set; }

        public double LastTripMilliamps { get; set; }

        public DateTime LastTripUtc { get; set; } = DateTime.MinValue;

        public bool LockedOut { get; set; }

        /// <summary>passed, failed or null if none since start.</summary>
        public string LastSelfTest { get; set; }

        public DateTime LastSelfTestUtc { get; set; } = DateTime.MinValue;
    }
}
