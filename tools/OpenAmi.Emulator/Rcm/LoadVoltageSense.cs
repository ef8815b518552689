namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// The load-side voltage sense of the board: L–N through 2 × 100 k into an LTV-814M (AC-input opto) whose transistor
/// pulls LOAD_V low against a 47 k pull-up and a 1 µF ripple filter (sheets.py R#25–R#27, C#12). While the line is
/// live the opto sinks near every half-cycle peak; after the line dies the node recharges with τ = 47 ms and reads
/// "no voltage" once above the MCP23017's V_IH = 0.8·VDD: 47 ms × ln 5 ≈ 76 ms, the slowest release the expander allows.
/// Assumptions, not datasheet figures: the opto conducts enough to pull the node down while |v| ≥ 25 % of the mains
/// peak (≈ 80 V at 230 V: 0.4 mA LED current), and then discharges it with τ ≈ 1 ms.
/// </summary>
internal sealed class LoadVoltageSense
{
    private const double SupplyV = 3.3;
    private const double InputHighV = 0.8 * SupplyV;
    private const double OptoOnFraction = 0.25;
    private static readonly double RiseStep = FirstOrderLag.Factor(47e3 * 1e-6);
    private static readonly double SinkStep = FirstOrderLag.Factor(1e-3);

    private readonly MainsTiming _mains;
    private double _nodeV = SupplyV;

    public LoadVoltageSense(MainsTiming mains) => _mains = mains;

    /// <summary>LOAD_V reads low: voltage on the load side.</summary>
    public bool VoltagePresent => _nodeV < InputHighV;

    public void Step(long tick, bool live)
    {
        bool optoOn = live && Math.Abs(_mains.VoltageFraction(tick)) >= OptoOnFraction;
        _nodeV = FirstOrderLag.Toward(_nodeV, optoOn ? 0 : SupplyV, optoOn ? SinkStep : RiseStep);
    }

    /// <summary>Dead line fully recharged, or live line held well below the threshold (only ripple remains).</summary>
    public bool IsSettled(bool live) => live ? _nodeV < 0.5 : _nodeV == SupplyV;

    public void PowerUp() => _nodeV = SupplyV;
}
