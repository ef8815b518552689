namespace OpenAmi.Emulator.Rcm;

/// <summary>Residual-current test waveforms (IEC 61008 Type A / IEC 62423 Type B test currents).</summary>
public enum WaveformKind
{
    Dc,
    Ac,
    HalfWave,
    Phase90,
    Phase135,
    AcDc,
    Hf,
}

/// <summary>
/// A residual current that starts at sample 0 (the onset). <c>Milliamps</c> is the mean for DC and the RMS for every
/// other kind. Peaks follow from the RMS by the textbook integrals: sine Ip = √2·RMS; half-wave Ip = 2·RMS;
/// phase cut at α: RMS² = Ip²·((π−α)/2 + sin 2α/4)/(2π); AC+DC is half DC, half AC power (DC = AC RMS = RMS/√2).
/// </summary>
public sealed class Waveform
{
    public const double DefaultHfHz = 1000;

    private readonly double _peak;
    private readonly double _offset;
    private readonly double _omega;
    private readonly double _firingAngle;

    public Waveform(WaveformKind kind, double milliamps, double frequencyHz, int sampleRateHz, double onsetPhaseDegrees = 0)
    {
        if (!(milliamps >= 0) || double.IsInfinity(milliamps))
        {
            throw new ArgumentOutOfRangeException(nameof(milliamps), "current must be a finite, non-negative mA value");
        }

        if (!(frequencyHz > 0) || frequencyHz * 2 >= sampleRateHz)
        {
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), $"frequency must be above 0 and below half the sample rate ({sampleRateHz / 2} Hz)");
        }

        Kind = kind;
        Milliamps = milliamps;
        FrequencyHz = frequencyHz;
        SampleRateHz = sampleRateHz;
        OnsetPhaseRadians = onsetPhaseDegrees * Math.PI / 180;
        _omega = 2 * Math.PI * frequencyHz / sampleRateHz;
        _firingAngle = kind switch
        {
            WaveformKind.Phase90 => Math.PI / 2,
            WaveformKind.Phase135 => 3 * Math.PI / 4,
            _ => 0,
        };
        (_peak, _offset) = kind switch
        {
            WaveformKind.Dc => (0, milliamps),
            WaveformKind.Ac or WaveformKind.Hf => (milliamps * Math.Sqrt(2), 0),
            WaveformKind.HalfWave => (2 * milliamps, 0),
            WaveformKind.Phase90 or WaveformKind.Phase135 => (milliamps / Math.Sqrt(PhaseCutMeanSquare(_firingAngle)), 0),
            WaveformKind.AcDc => (milliamps, milliamps / Math.Sqrt(2)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    public WaveformKind Kind { get; }

    public double Milliamps { get; }

    public double FrequencyHz { get; }

    public int SampleRateHz { get; }

    public double OnsetPhaseRadians { get; }

    /// <summary>Peak of the sinusoidal part (0 for DC).</summary>
    public double PeakMa => _peak;

    /// <summary>Current (mA) at the given sample after onset.</summary>
    public double At(long sampleAfterOnset)
    {
        double theta = _omega * sampleAfterOnset + OnsetPhaseRadians;
        double sine = Math.Sin(theta);
        switch (Kind)
        {
            case WaveformKind.Dc:
                return _offset;
            case WaveformKind.HalfWave:
                return sine > 0 ? _peak * sine : 0;
            case WaveformKind.Phase90:
            case WaveformKind.Phase135:
                double angle = theta % (2 * Math.PI);
                if (angle < 0)
                {
                    angle += 2 * Math.PI;
                }

                return angle >= _firingAngle && angle < Math.PI ? _peak * sine : 0;
            default:
                return _offset + _peak * sine;
        }
    }

    /// <summary>Mean square of a unit-peak sine conducting from the firing angle α to π in each cycle.</summary>
    public static double PhaseCutMeanSquare(double alpha) => ((Math.PI - alpha) / 2 + Math.Sin(2 * alpha) / 4) / (2 * Math.PI);

    public static WaveformKind Parse(string name) => name switch
    {
        "dc" => WaveformKind.Dc,
        "ac" => WaveformKind.Ac,
        "halfwave" => WaveformKind.HalfWave,
        "phase90" => WaveformKind.Phase90,
        "phase135" => WaveformKind.Phase135,
        "acdc" => WaveformKind.AcDc,
        "hf" => WaveformKind.Hf,
        _ => throw new ArgumentException($"unknown waveform '{name}' (dc, ac, halfwave, phase90, phase135, acdc, hf)"),
    };
}
