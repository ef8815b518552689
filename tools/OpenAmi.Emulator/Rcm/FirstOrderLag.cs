namespace OpenAmi.Emulator.Rcm;

/// <summary>Exact per-tick discretisation of a first-order (RC) lag, snapping to its target once within 1e-9.</summary>
internal static class FirstOrderLag
{
    /// <summary>The fraction of the remaining distance covered in one tick: 1 − e^(−Δt/τ).</summary>
    public static double Factor(double tauSeconds) => 1 - Math.Exp(-1.0 / (SimulatedTime.TicksPerSecond * tauSeconds));

    /// <summary>One tick towards the target; the snap gives states an exact rest that the fast-forward can test.</summary>
    public static double Toward(double value, double target, double factor)
    {
        double next = value + factor * (target - value);
        return Math.Abs(next - target) < 1e-9 ? target : next;
    }
}
