using OpenAmi.Safety.Board;

namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// Behavioural model of one tenant line's analog trip path, with the values of hardware/README.md ("The hardware trip
/// path") and the schematic (hardware/openami-pole-gateway/scripts/sheets.py):
/// fluxgate sensor (1 ms response to 90 % → first-order τ = 1 ms/ln 10, as sim/openami-trip.lib) → difference amplifier
/// (24 mV/mA around VMID 1.5 V, clipping 20 mV from the 3.3 V rails) → three comparator pairs pulling TRIP_N low:
/// smooth DC ±4.49 mA through a persistence timer (100 k × 150 nF discharged while beyond the threshold, trips below
/// TH_PER = 3.3 V × 36/98, i.e. after one τ = 15 ms; recharged through 10 k ∥ 100 k, ≈ 1.4 ms), peak ±33.0 mA behind a
/// 4.7 k × 100 nF (0.47 ms) filter, high-set ±49.9 mA unfiltered. The sensor module's fault output also pulls TRIP_N.
/// Nominal component values; the tolerance corners are the ngspice harness's job (docs/hardware/trip-path-simulation.md).
/// </summary>
internal sealed class TripPathCircuit
{
    public const double DcThresholdMa = 4.49;
    public const double PeakThresholdMa = 33.0;
    public const double HighSetThresholdMa = 49.9;

    /// <summary>Where a failed sensor's output sticks: its 3.25 V swing limit, (3.25 − 1.65) V at 8 mV/mA.</summary>
    private const double StuckOutputMa = 200;
    private const double SupplyV = 3.3;
    private const double PersistenceThresholdV = SupplyV * 36 / 98;
    private const double AmpPositiveLimitMa = (PoleBoardRcm.AmpHighMillivolts - PoleBoardRcm.VmidMillivolts) / PoleBoardRcm.AmpMillivoltsPerMa;
    private const double AmpNegativeLimitMa = (PoleBoardRcm.AmpLowMillivolts - PoleBoardRcm.VmidMillivolts) / PoleBoardRcm.AmpMillivoltsPerMa;

    private static readonly double SensorStep = FirstOrderLag.Factor(1e-3 / Math.Log(10));
    private static readonly double PeakFilterStep = FirstOrderLag.Factor(4.7e3 * 100e-9);
    private static readonly double TimerDischargeStep = FirstOrderLag.Factor(100e3 * 150e-9);
    private static readonly double TimerRechargeStep = FirstOrderLag.Factor(100e3 * 10e3 / 110e3 * 150e-9);

    private double _sensorMa;
    private double _peakFilterMa;
    private double _timerPositiveV;
    private double _timerNegativeV;

    /// <summary>Sensor output referred to the primary (mA), before the amplifier's clipping.</summary>
    public double SensorOutputMa { get; private set; }

    /// <summary>True while at least one comparator (or the module's fault output) holds TRIP_N low.</summary>
    public bool TripActive { get; private set; }

    /// <summary>Power-up: every capacitor discharged (the persistence timers therefore hold TRIP_N low for ≈ 0.6 ms).</summary>
    public void PowerUp()
    {
        _sensorMa = 0;
        _peakFilterMa = 0;
        _timerPositiveV = 0;
        _timerNegativeV = 0;
        SensorOutputMa = 0;
        TripActive = true;
    }

    /// <summary>One tick with the given primary residual current; returns whether TRIP_N is active afterwards.</summary>
    public bool Step(double residualMa, LineFaults faults)
    {
        _sensorMa = FirstOrderLag.Toward(_sensorMa, residualMa * faults.SensorGainRatio, SensorStep);
        SensorOutputMa = faults.SensorStuckAtRail ? StuckOutputMa : _sensorMa + faults.SensorOffsetMa;
        double amp = Math.Clamp(SensorOutputMa, AmpNegativeLimitMa, AmpPositiveLimitMa);
        _peakFilterMa = FirstOrderLag.Toward(_peakFilterMa, amp, PeakFilterStep);
        _timerPositiveV = StepTimer(_timerPositiveV, amp > DcThresholdMa);
        _timerNegativeV = StepTimer(_timerNegativeV, amp < -DcThresholdMa);
        bool comparators = _timerPositiveV < PersistenceThresholdV || _timerNegativeV < PersistenceThresholdV
            || Math.Abs(_peakFilterMa) > PeakThresholdMa || Math.Abs(amp) > HighSetThresholdMa;
        TripActive = (comparators && !faults.TripPathDead) || faults.ModuleError;
        return TripActive;
    }

    /// <summary>Every state at its equilibrium for a constant input: stepping further would change nothing.</summary>
    public bool IsSettled(double residualMa, LineFaults faults)
    {
        return _sensorMa == residualMa * faults.SensorGainRatio && _peakFilterMa == Math.Clamp(SensorOutputMa, AmpNegativeLimitMa, AmpPositiveLimitMa)
            && (_timerPositiveV == 0 || _timerPositiveV == SupplyV) && (_timerNegativeV == 0 || _timerNegativeV == SupplyV);
    }

    private static double StepTimer(double volts, bool beyondThreshold)
    {
        // Beyond the threshold the comparator sinks the timer's feed and the capacitor discharges through 100 k;
        // otherwise the 10 k pull-up recharges it through the BAT54 (and the 100 k in parallel).
        return beyondThreshold
            ? FirstOrderLag.Toward(volts, 0, TimerDischargeStep)
            : FirstOrderLag.Toward(volts, SupplyV, TimerRechargeStep);
    }
}
