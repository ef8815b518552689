namespace OpenAmi.Metering.Data
{
    public enum MeteringEventKind
    {
        Registration = 0,
        ClockDrift = 1,
        EnergyImbalance = 2,
        Tamper = 3,
        CommsLost = 4,
        CommsRestored = 5,
        ZeroConsumption = 6,
        ReverseEnergy = 7,
        ProfileMismatch = 8,
        FactorySettings = 9,
        Diagnostic = 10,
        IntervalGap = 11,
    }

    /// <summary>
    /// An event raised by the metering layer as plain data; the northbound layer decides its wire format.
    /// Times: <see cref="MonotonicMs"/> always, <see cref="UtcTicks"/> when the gateway clock is synchronised (else 0).
    /// </summary>
    public abstract class MeteringEvent
    {
        protected MeteringEvent(MeteringEventKind kind)
        {
            Kind = kind;
        }

        public MeteringEventKind Kind { get; }

        public int MeterAddress { get; set; }

        /// <summary>Serial of the meter concerned; the feeder head's serial for feeder-wide events.</summary>
        public string MeterSerial { get; set; }

        /// <summary>
        /// The installation's name for the meter (its configuration id) when the gateway publishes under that
        /// name rather than the serial; null when it publishes under <see cref="MeterSerial"/>.
        /// </summary>
        public string MeterName { get; set; }

        public long MonotonicMs { get; set; }

        public long UtcTicks { get; set; }

        public static string Name(MeteringEventKind kind)
        {
            switch (kind)
            {
                case MeteringEventKind.Registration: return "registration";
                case MeteringEventKind.ClockDrift: return "clock_drift";
                case MeteringEventKind.EnergyImbalance: return "energy_imbalance";
                case MeteringEventKind.Tamper: return "tamper";
                case MeteringEventKind.CommsLost: return "comms_lost";
                case MeteringEventKind.CommsRestored: return "comms_restored";
                case MeteringEventKind.ZeroConsumption: return "zero_consumption_with_voltage";
                case MeteringEventKind.ProfileMismatch: return "profile_mismatch";
                case MeteringEventKind.FactorySettings: return "meter_at_factory_settings";
                case MeteringEventKind.Diagnostic: return "diagnostic";
                case MeteringEventKind.IntervalGap: return "data_gap";
                default: return "reverse_energy";
            }
        }
    }

    public sealed class RegistrationEvent : MeteringEvent
    {
        public RegistrationEvent() : base(MeteringEventKind.Registration) { }

        public string Firmware { get; set; }

        public string ProfileId { get; set; }

        /// <summary>
        /// True when the meter has no readable serial (Modbus models whose datasheet defines none) and
        /// <see cref="MeteringEvent.MeterSerial"/> is the gateway's stand-in: profile id, "@", bus address.
        /// </summary>
        public bool SerialSynthetic { get; set; }

        /// <summary>True when the profile was derived from the meter's own object list.</summary>
        public bool AutoProfiled { get; set; }

        /// <summary>Objects in the association's object list; -1 when the meter cannot list them (Modbus).</summary>
        public int ObjectCount { get; set; }

        /// <summary>VMRS codes the model lacks.</summary>
        public string[] Gaps { get; set; }

        /// <summary>The register layout registration chose (the profile's variant id); null for a model with one layout or when none fitted.</summary>
        public string Variant { get; set; }

        /// <summary>The meter's import register also counts reverse energy (1.8.0 is |+A| + |−A|); it has no separate export.</summary>
        public bool ImportIncludesExport { get; set; }

        /// <summary>Theft checks that cannot work on this meter and are off for it (e.g. "reverse_energy").</summary>
        public string[] DisabledChecks { get; set; }
    }

    /// <summary>
    /// A meter answered its model's common registers but none of the model's register layouts: it is registered
    /// without the layout-dependent items (no energy read as a silent 0), and this says why each layout was refused.
    /// </summary>
    public sealed class ProfileMismatchEvent : MeteringEvent
    {
        public ProfileMismatchEvent() : base(MeteringEventKind.ProfileMismatch) { }

        public string ProfileId { get; set; }

        /// <summary>One line per variant tried: "id: why it does not fit".</summary>
        public string[] Reasons { get; set; }

        /// <summary>VMRS codes not read from this meter because only a fitting layout would map them.</summary>
        public string[] Unmapped { get; set; }
    }

    /// <summary>A meter's defect the gateway worked around (a code the head-end can count, and what was done about it).</summary>
    public sealed class DiagnosticEvent : MeteringEvent
    {
        public DiagnosticEvent() : base(MeteringEventKind.Diagnostic) { }

        public string Code { get; set; }

        public string Detail { get; set; }
    }

    /// <summary>What the clock synchroniser did about a measured drift.</summary>
    public enum ClockAction
    {
        /// <summary>Drift within tolerance.</summary>
        None = 0,
        Corrected = 1,
        /// <summary>Drift too large, but the gateway's own time is not trustworthy: left alone.</summary>
        RefusedTimeSourceUnhealthy = 2,
        /// <summary>The meter refused or failed the write.</summary>
        WriteFailed = 3,
    }

    public sealed class ClockDriftEvent : MeteringEvent
    {
        public ClockDriftEvent() : base(MeteringEventKind.ClockDrift) { }

        /// <summary>Meter time minus true time, seconds; NaN when the meter's clock is flagged invalid.</summary>
        public double DriftSeconds { get; set; }

        public ClockAction Action { get; set; }

        /// <summary>The COSEM clock_status byte as read (0xFF = not specified).</summary>
        public int ClockStatus { get; set; }

        public static string ActionName(ClockAction action)
        {
            switch (action)
            {
                case ClockAction.None: return "none";
                case ClockAction.Corrected: return "corrected";
                case ClockAction.RefusedTimeSourceUnhealthy: return "refused_time_source_unhealthy";
                default: return "write_failed";
            }
        }
    }

    public sealed class EnergyImbalanceEvent : MeteringEvent
    {
        public EnergyImbalanceEvent() : base(MeteringEventKind.EnergyImbalance) { }

        public long WindowMs { get; set; }

        public double HeadKWh { get; set; }

        public double CustomersKWh { get; set; }

        /// <summary>Head minus customers: energy not accounted for (negative when customers read more than the head).</summary>
        public double ImbalanceKWh { get; set; }

        public double ImbalancePercent { get; set; }

        public double AllowancePercent { get; set; }
    }

    public sealed class TamperEvent : MeteringEvent
    {
        public TamperEvent() : base(MeteringEventKind.Tamper) { }

        /// <summary>Names of tamper bits newly set, from the vendor's bit table.</summary>
        public string[] Flags { get; set; }

        public long RawStatus { get; set; }
    }

    public sealed class CommsEvent : MeteringEvent
    {
        public CommsEvent(bool lost) : base(lost ? MeteringEventKind.CommsLost : MeteringEventKind.CommsRestored) { }

        public ReadStatus LastStatus { get; set; }

        public int ConsecutiveFailures { get; set; }
    }

    /// <summary>Zero consumption while the supply is present, or reverse energy on an import-only meter.</summary>
    public sealed class TheftSuspicionEvent : MeteringEvent
    {
        public TheftSuspicionEvent(MeteringEventKind kind) : base(kind) { }

        /// <summary>Energy in the window (zero consumption) or exported energy (reverse), kWh.</summary>
        public double EnergyKWh { get; set; }

        /// <summary>Consumption of the previous window (zero consumption), kWh.</summary>
        public double PreviousKWh { get; set; }

        public double VoltageV { get; set; }

        public double PowerW { get; set; }
    }
}
