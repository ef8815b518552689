using System;
using System.Collections;

namespace OpenAmi.Installer.Site
{
    /// <summary>One configured meter: identity, where it hangs, whether it answers, and its registers.</summary>
    public sealed class MeterView
    {
        public string Id { get; set; }

        /// <summary>The serial read from the meter at registration; null until registered.</summary>
        public string Serial { get; set; }

        /// <summary>dlms, dlms-optical or modbus.</summary>
        public string Protocol { get; set; }

        public string Profile { get; set; }

        public string Bus { get; set; }

        /// <summary>ok, lost or unregistered.</summary>
        public string Comms { get; set; }

        public DateTime LastReadUtc { get; set; } = DateTime.MinValue;

        /// <summary><see cref="RegisterView"/> entries, in VMRS order.</summary>
        public ArrayList Registers { get; } = new ArrayList();
    }
}
