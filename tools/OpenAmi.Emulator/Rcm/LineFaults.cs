namespace OpenAmi.Emulator.Rcm;

/// <summary>Faults that can be injected into one simulated tenant line (all off by default).</summary>
public sealed class LineFaults
{
    /// <summary>Sensor offset (mA referred to the primary): seen by the comparators and the ADC alike; auto-zero only helps the ADC.</summary>
    public double SensorOffsetMa { get; set; }

    /// <summary>
    /// The sensor's true sensitivity over the design's 8 mV/mA (1 = nominal): seen by the comparators and the ADC alike,
    /// so only a self-test with a known current can tell it.
    /// </summary>
    public double SensorGainRatio { get; set; } = 1.0;

    /// <summary>The sensor's output is stuck at its upper swing limit (comparators trip, the ADC reads its rail).</summary>
    public bool SensorStuckAtRail { get; set; }

    /// <summary>The sensor module reports a fault (RCM_ERR low); through its BAT54 this also pulls TRIP_N low.</summary>
    public bool ModuleError { get; set; }

    /// <summary>The comparators never pull TRIP_N (e.g. their supply or the ladder has failed): only firmware is left.</summary>
    public bool TripPathDead { get; set; }

    /// <summary>The sensor's test winding (or its 1 k feed) is open: the test input produces no current.</summary>
    public bool TestWindingOpen { get; set; }

    /// <summary>The SSR conducts whatever its drive says (a welded/shorted triac).</summary>
    public bool SsrWelded { get; set; }

    /// <summary>Samples lost from every capture (a stretched or interrupted ADC loop on the device).</summary>
    public int DroppedSamplesPerCapture { get; set; }
}
