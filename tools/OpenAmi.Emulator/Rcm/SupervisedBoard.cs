using OpenAmi.Safety.Supervision;

namespace OpenAmi.Emulator.Rcm;

/// <summary>
/// A simulated pole board with Safety's supervisor wired to it as the device wires it: the board's line ports, ANY_TRIP,
/// reset button, the simulated clock, a flash store and an event log. <see cref="Reboot"/> cuts and restores power
/// and boots a new supervisor on the same store and hardware; <see cref="Run"/> is the safety thread's poll loop.
/// </summary>
public sealed class SupervisedBoard
{
    public SupervisedBoard(SafetySettings? settings = null, int lineCount = 4, bool withTestLoop = false)
    {
        WithTestLoop = withTestLoop;
        Settings = settings ?? new SafetySettings();
        Board = new SimulatedPoleBoard(Time, lineCount, Settings.Detector.MainsHz, Settings.Detector.SampleRateHz);
        Supervisor = Boot();
    }

    public SimulatedTime Time { get; } = new();

    /// <summary>The lines' self-tests measure their gain with the independent test loop.</summary>
    public bool WithTestLoop { get; }

    public SafetySettings Settings { get; }

    public SimulatedPoleBoard Board { get; }

    public IReadOnlyList<SimulatedTenantLine> Lines => Board.Lines;

    public MemorySafetyStore Store { get; } = new();

    public SafetyEventLog Events { get; } = new();

    public SafetySupervisor Supervisor { get; private set; }

    /// <summary>A power cut and its return: every latch preset, every output low, then power-up of a fresh supervisor.</summary>
    public void Reboot()
    {
        Board.PowerCycle();
        Supervisor = Boot();
    }

    /// <summary>Polls for the given simulated time (each poll captures one mains cycle per line).</summary>
    public void Run(long milliseconds)
    {
        long end = Time.NowMs + milliseconds;
        while (Time.NowMs < end)
        {
            Supervisor.Poll();
        }
    }

    private SafetySupervisor Boot()
    {
        var supervisor = new SafetySupervisor(Settings, Board.CreateLinePorts(WithTestLoop), Board, Board, Time, Time, Time, Store, Events);
        supervisor.PowerUp();
        return supervisor;
    }
}
