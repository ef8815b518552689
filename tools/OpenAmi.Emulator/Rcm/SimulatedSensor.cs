using OpenAmi.Safety.Board;
using OpenAmi.Safety.Dsp;

namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// A residual-current sensor read by a 12-bit converter (codes 0..4095), with an optional offset error (fluxgate offsets
/// are comparable to 6 mA, hence auto-zero) and Gaussian noise. Two front ends:
/// <list type="bullet">
/// <item>the default, an ideal stream for the DSP on its own (`openami rcm simulate`): ±FullScaleMa maps linearly onto
/// 1..4095 around mid-scale 2048 (the LEM CDSR 0.07 class: ±150 mA) and clips at the code range;</item>
/// <item><see cref="PoleBoard"/>, the board's real chain from <see cref="PoleBoardRcm"/>: 24 mV/mA around VMID, the
/// amplifier's output swing, the ESP32 ADC1 at 11 dB; it is what the simulated tenant line reads.</item>
/// </list>
/// </summary>
public sealed class SimulatedSensor
{
    public const int RailLow = 0;
    public const int RailHigh = 4095;
    public const int MidScale = 2048;

    private readonly Func<double, double> _idealCounts;
    private readonly Random _random;

    public SimulatedSensor(double fullScaleMa = 150, double offsetErrorMa = 0, double noiseRmsMa = 0, int seed = 1)
        : this(new Calibration(MidScale, fullScaleMa / (RailHigh - MidScale)), offsetErrorMa, noiseRmsMa, seed, null)
    {
    }

    private SimulatedSensor(Calibration nominal, double offsetErrorMa, double noiseRmsMa, int seed, Func<double, double>? idealCounts)
    {
        Nominal = nominal;
        OffsetErrorMa = offsetErrorMa;
        NoiseRmsMa = noiseRmsMa;
        _idealCounts = idealCounts ?? (ma => nominal.OffsetCounts + ma / nominal.MilliampsPerCount);
        _random = new Random(seed);
    }

    /// <summary>The pole board's front end (<see cref="PoleBoardRcm"/>): what its ESP32 ADC reads.</summary>
    public static SimulatedSensor PoleBoard(double noiseRmsMa = 0, int seed = 1) =>
        new(PoleBoardRcm.NominalCalibration, 0, noiseRmsMa, seed, PoleBoardRcm.CountsAt);

    public double FullScaleMa => (RailHigh - MidScale) * Nominal.MilliampsPerCount;

    public double OffsetErrorMa { get; set; }

    public double NoiseRmsMa { get; }

    public double MilliampsPerCount => Nominal.MilliampsPerCount;

    /// <summary>The datasheet calibration (no knowledge of this unit's offset error).</summary>
    public Calibration Nominal { get; }

    public int Read(double milliamps)
    {
        double noise = NoiseRmsMa > 0 ? NoiseRmsMa * Gaussian() : 0;
        double counts = Math.Round(_idealCounts(milliamps + OffsetErrorMa + noise));
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
