using OpenAmi.Safety.Dsp;

namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// A residual-current sensor read by a 12-bit converter: ±FullScaleMa maps onto 1..4095 around mid-scale 2048
/// (the LEM CDSR 0.07 class: ±150 mA, 3.3 V, analog output centred on its reference). It clips at the rails, may
/// carry an offset error (fluxgate offsets are comparable to 6 mA, hence auto-zero) and optional Gaussian noise.
/// </summary>
public sealed class SimulatedSensor
{
    public const int RailLow = 0;
    public const int RailHigh = 4095;
    public const int MidScale = 2048;

    private readonly Random _random;

    public SimulatedSensor(double fullScaleMa = 150, double offsetErrorMa = 0, double noiseRmsMa = 0, int seed = 1)
    {
        FullScaleMa = fullScaleMa;
        OffsetErrorMa = offsetErrorMa;
        NoiseRmsMa = noiseRmsMa;
        _random = new Random(seed);
    }

    public double FullScaleMa { get; }

    public double OffsetErrorMa { get; set; }

    public double NoiseRmsMa { get; }

    public double MilliampsPerCount => FullScaleMa / (RailHigh - MidScale);

    /// <summary>The datasheet calibration (no knowledge of this unit's offset error).</summary>
    public Calibration Nominal => new(MidScale, MilliampsPerCount);

    public int Read(double milliamps)
    {
        double noise = NoiseRmsMa > 0 ? NoiseRmsMa * Gaussian() : 0;
        double counts = Math.Round(MidScale + (milliamps + OffsetErrorMa + noise) / MilliampsPerCount);
        return (int)Math.Clamp(counts, RailLow, RailHigh);
    }

    private double Gaussian()
    {
        // Box–Muller.
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
