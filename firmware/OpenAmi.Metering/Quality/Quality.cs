namespace OpenAmi.Metering.Quality
{
    /// <summary>The envelope's quality flag (northbound-mqtt-v0.1 registersItem.quality).</summary>
    public enum ReadingQuality
    {
        Good = 0,
        Suspect = 1,
        CommsLost = 2,
    }

    /// <summary>Why a value was flagged suspect.</summary>
    public enum SuspectReason
    {
        None = 0,
        EnergyBackwards = 1,
        EnergyJump = 2,
        VoltageOutOfRange = 3,
        FrequencyOutOfRange = 4,
        PowerOutOfRange = 5,
        ClockInvalid = 6,
        /// <summary>The meter's unit does not measure the VMRS quantity (a profile mapping error).</summary>
        UnitMismatch = 7,
        /// <summary>The meter answered but refused or could not give the value (access, unknown object, wrong type).</summary>
        ReadFailed = 8,
        /// <summary>The meter sent NaN or ∞, or a value its scaler takes beyond the double range.</summary>
        ValueNotFinite = 9,
    }

    public static class ReadingQualityNames
    {
        public static string Name(ReadingQuality quality)
        {
            switch (quality)
            {
                case ReadingQuality.Good: return "good";
                case ReadingQuality.Suspect: return "suspect";
                default: return "comms_lost";
            }
        }

        public static string Reason(SuspectReason reason)
        {
            switch (reason)
            {
                case SuspectReason.None: return "none";
                case SuspectReason.EnergyBackwards: return "energy_backwards";
                case SuspectReason.EnergyJump: return "energy_jump";
                case SuspectReason.VoltageOutOfRange: return "voltage_out_of_range";
                case SuspectReason.FrequencyOutOfRange: return "frequency_out_of_range";
                case SuspectReason.PowerOutOfRange: return "power_out_of_range";
                case SuspectReason.ClockInvalid: return "clock_invalid";
                case SuspectReason.UnitMismatch: return "unit_mismatch";
                case SuspectReason.ValueNotFinite: return "value_not_finite";
                default: return "read_failed";
            }
        }
    }
}
