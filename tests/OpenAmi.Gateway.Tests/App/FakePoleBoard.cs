using OpenAmi.Gateway.Tests.Fakes;
using OpenAmi.Platform;
using OpenAmi.Safety.Board;
using OpenAmi.Safety.Ports;

namespace OpenAmi.Gateway.Tests.App;

/// <summary>
/// A deliberately plain model of the pole board's tenant lines for gateway-level tests (the emulator has the detailed
/// one): SSR_EN = SSR_ON ∧ SSR_ARM ∧ ¬LATCH switches at once, the load side is live exactly while the SSR conducts,
/// the hardware trip path sets the latch as soon as the residual current reaches the rated values of issue 7 (6 mA
/// smooth DC, 30 mA AC RMS), the latch is set at power-up and a reset pulse clears it only while nothing trips it.
/// The residual current is leakage (only while conducting) plus the test input's 30 mA DC; samples are that current
/// through the board's front end (<see cref="PoleBoardRcm.CountsAt"/>) at 2400 Hz, the AC part a 50 Hz sine of
/// peak √2·RMS. Time is the test's <see cref="FakeClock"/>: sampling and sleeping advance it.
/// </summary>
public sealed class FakePoleBoard : IAnyTripInput, ILocalResetInput, IMonotonicClock, IDelay
{
    public const int SampleRateHz = 2400;
    public const double DcTripMa = 6;
    public const double AcTripMa = 30;

    public FakePoleBoard(FakeClock clock, int lines)
    {
        Clock = clock;
        Lines = Enumerable.Range(0, lines).Select(_ => new FakeTenantLine(this)).ToArray();
    }

    public FakeClock Clock { get; }

    public FakeTenantLine[] Lines { get; }

    public bool ResetButton { get; set; }

    public bool Asserted => Lines.Any(l => l.LatchSet);

    public bool Pressed => ResetButton;

    public long NowMs => Clock.NowMs;

    /// <summary>Each delay also yields 1 ms of real time (for tests with a real safety thread beside the caller).</summary>
    public bool YieldOnDelay { get; set; }

    public void Delay(int milliseconds)
    {
        Clock.Advance(milliseconds);
        if (YieldOnDelay)
        {
            Thread.Sleep(1);
        }
    }
}

public sealed class FakeTenantLine(FakePoleBoard board) : IResidualSampleSource, ILineSwitch, ITripInputs, ITestCurrentOutput, ILoadVoltageSense
{
    private bool _latch = true;

    /// <summary>Leakage to earth of the tenant's installation (flows only while the SSR conducts).</summary>
    public double LeakAcRmsMa { get; set; }

    public double LeakDcMa { get; set; }

    /// <summary>False: the analog trip path has failed (the comparators never set the latch); only firmware is left.</summary>
    public bool HardwareTrips { get; set; } = true;

    public bool SsrOn { get; private set; }

    public bool Armed { get; private set; }

    public bool TestOn { get; private set; }

    /// <summary>Close commands (rising edges of SSR_ON).</summary>
    public int Closures { get; private set; }

    public bool Conducting => SsrOn && Armed && !LatchSet;

    public bool LatchSet
    {
        get
        {
            if (HardwareTrips && TripActive)
            {
                _latch = true;
            }

            return _latch;
        }
    }

    public bool ModuleError => false;

    public bool VoltagePresent => Conducting;

    private bool Live => SsrOn && Armed && !_latch;

    private double DcMa => (Live ? LeakDcMa : 0) + (TestOn ? 30 : 0);

    private double AcMa => Live ? LeakAcRmsMa : 0;

    private bool TripActive => Math.Abs(DcMa) >= FakePoleBoard.DcTripMa || AcMa >= FakePoleBoard.AcTripMa;

    public int Capture(int[] buffer, int offset, int count, out long elapsedMicroseconds)
    {
        _ = LatchSet;
        double dc = DcMa;
        double peak = Math.Sqrt(2) * AcMa;
        long startMs = board.Clock.NowMs;
        for (int i = 0; i < count; i++)
        {
            double t = startMs / 1000.0 + (i + 1.0) / FakePoleBoard.SampleRateHz;
            double ma = dc + peak * Math.Sin(2 * Math.PI * 50 * t);
            buffer[offset + i] = (int)Math.Round(PoleBoardRcm.CountsAt(ma));
        }

        elapsedMicroseconds = count * 1_000_000L / FakePoleBoard.SampleRateHz;
        board.Clock.Advance(elapsedMicroseconds / 1000);
        return count;
    }

    public void SetOn(bool on)
    {
        Closures += on && !SsrOn ? 1 : 0;
        SsrOn = on;
    }

    public void SetArmed(bool armed) => Armed = armed;

    public void PulseLatchReset()
    {
        if (!TripActive)
        {
            _latch = false;
        }
    }

    public void SetTestCurrent(bool on) => TestOn = on;
}
