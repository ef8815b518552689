using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety.Dsp;

namespace OpenAmi.Safety.Tests.Dsp;

/// <summary>
/// Test streams in a calibration of exactly 1/1024 mA per count (offset 0), so that the hand-computed levels below
/// (6 mA, 4.5 mA pickup, …) are exact binary fractions and threshold comparisons are not at the mercy of rounding.
/// </summary>
internal static class Samples
{
    public const double CountsPerMa = 1024;

    public static Calibration Fine => new(0, 1.0 / CountsPerMa);

    public static int Counts(double ma) => (int)Math.Round(ma * CountsPerMa);

    /// <summary>Sine of the given RMS at mains frequency: sample k of a window of n per cycle, starting at phase φ (degrees).</summary>
    public static double Sine(double rmsMa, int k, int n, double phaseDegrees = 0) =>
        rmsMa * Math.Sqrt(2) * Math.Sin(2 * Math.PI * k / n + phaseDegrees * Math.PI / 180);

    public static ResidualCurrentDetector Detector(DetectorSettings? settings = null) => new(settings ?? new DetectorSettings(), Fine);

    /// <summary>Feeds `preRoll` zero samples, then `count` samples of f(k); returns the index of the first post-onset sample.</summary>
    public static long Feed(ResidualCurrentDetector detector, int preRoll, int count, Func<int, double> ma)
    {
        for (int i = 0; i < preRoll; i++)
        {
            detector.Push(0);
        }

        long onset = detector.SampleIndex;
        for (int k = 0; k < count; k++)
        {
            detector.Push(Counts(ma(k)));
        }

        return onset;
    }
}
