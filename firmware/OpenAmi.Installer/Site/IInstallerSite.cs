namespace OpenAmi.Installer.Site
{
    /// <summary>
    /// What the installer API reads from and asks of the gateway it runs in (the device's composition, or the feeder
    /// emulator's pole). Reads fill views; actions queue work on the gateway's own scheduler (or its safety service) and
    /// return at once; an action refused in the line's present state throws an <see cref="Http.InstallerApiException"/>
    /// saying why. There is deliberately no
    /// re-energise action: closing a tenant line goes through the safety policy from the head-end, never from the page.
    /// </summary>
    public interface IInstallerSite
    {
        void ReadStatus(StatusView into);

        int MeterCount { get; }

        MeterView Meter(int index);

        int LineCount { get; }

        LineView Line(int index);

        /// <summary>Queues reads of every register of meter <paramref name="meterId"/>; the number queued, or -1 for an unknown meter.</summary>
        int ReadNow(string meterId);

        /// <summary>Starts a registration scan of bus <paramref name="busId"/>; false for an unknown bus.</summary>
        bool ScanBus(string busId);

        /// <summary>Queues a clock check of every meter; the number of meters checked.</summary>
        int CheckClocks();

        /// <summary>Runs line <paramref name="line"/>'s protection self-test (the line stays open afterwards); false for an unknown line.</summary>
        bool SelfTest(int line);

        /// <summary>The vendor profile ids a configuration may name (for the configuration validator).</summary>
        string[] KnownProfiles { get; }
    }
}
