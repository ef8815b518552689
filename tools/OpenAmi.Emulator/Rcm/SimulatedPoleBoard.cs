using OpenAmi.Safety.Ports;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// The pole board's tenant lines on simulated time, with the board-level nets: one SSR_ARM shared by every line (low
/// from reset through its pull-down; the ESP32 adapter raises it while any line asks to be armed, so a line that
/// disarms is held open by its own SSR_ON and latch), ANY_TRIP (diode-OR of the latches) and the local reset button.
/// <see cref="CreateLinePorts"/> gives the Safety supervisor exactly the ports the device adapters give it.
/// </summary>
public sealed class SimulatedPoleBoard : IAnyTripInput, ILocalResetInput
{
    private readonly SimulatedTenantLine[] _lines;
    private int _armRequests;

    public SimulatedPoleBoard(SimulatedTime time, int lineCount = 4, int mainsHz = 50, int sampleRateHz = 2400, double adcNoiseRmsMa = 0)
    {
        if (lineCount < 1 || lineCount > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(lineCount), "a board has 1 to 30 tenant lines");
        }

        Time = time;
        var mains = new MainsTiming(mainsHz);
        _lines = new SimulatedTenantLine[lineCount];
        for (int i = 0; i < lineCount; i++)
        {
            _lines[i] = new SimulatedTenantLine(this, i, mains, sampleRateHz, adcNoiseRmsMa);
            time.Attach(_lines[i]);
        }
    }

    public SimulatedTime Time { get; }

    public IReadOnlyList<SimulatedTenantLine> Lines => _lines;

    /// <summary>The SSR_ARM net.</summary>
    public bool SsrArm => _armRequests != 0;

    /// <summary>Fault injection: the ANY_TRIP input reads low whatever the latches say (broken diode-OR or GPIO).</summary>
    public bool AnyTripStuckLow { get; set; }

    /// <summary>The local reset button (held for SafetySettings.LocalResetHoldMs to clear a lockout).</summary>
    public bool ResetButtonPressed { get; set; }

    public bool Asserted => !AnyTripStuckLow && _lines.Any(l => l.LatchSet);

    public bool Pressed => ResetButtonPressed;

    /// <summary>The Safety ports of every line; <paramref name="withTestLoop"/> gives them the independent test loop of the board step.</summary>
    public LinePorts[] CreateLinePorts(bool withTestLoop = false) =>
        _lines.Select(l => new LinePorts(l, l, l, l, l, withTestLoop ? l : null)).ToArray();

    /// <summary>Watchdog or software reset of the ESP32: every output it drives falls low; latches and the analog path carry on.</summary>
    public void ResetMcu()
    {
        _armRequests = 0;
        foreach (var line in _lines)
        {
            line.ReleaseOutputs();
        }
    }

    /// <summary>A power cut and its return: lines dead, capacitors discharged, every latch preset, outputs low.</summary>
    public void PowerCycle()
    {
        _armRequests = 0;
        foreach (var line in _lines)
        {
            line.PowerUp();
        }
    }

    internal void RequestArm(int line, bool armed) => _armRequests = armed ? _armRequests | (1 << line) : _armRequests & ~(1 << line);
}
