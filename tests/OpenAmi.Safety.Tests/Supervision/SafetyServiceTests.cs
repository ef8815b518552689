using OpenAmi.Emulator.Rcm;
using OpenAmi.Safety.Dsp;
using OpenAmi.Safety.Policy;
using OpenAmi.Safety.Ports;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Safety.Tests.Supervision;

/// <summary>
/// The safety service (power-up energising, the re-energise gate that answers after the probe, restore detection) on the
/// emulator's simulated pole board, stepped in simulated time as the emulator does. Thresholds are the issue 7 defaults
/// (6 mA DC rating); 30 mA DC is five times that, far beyond any tolerance.
/// </summary>
public class SafetyServiceTests
{
    [Fact]
    public void At_power_up_a_line_supplied_by_default_is_probed_then_on_while_a_line_switched_off_before_the_reboot_stays_off()
    {
        var rig = new Rig(switchedOff: new[] { false, true });
        rig.Service.Step();
        Assert.Equal(LineState.Probing, rig.Service.StateOf(0));
        Assert.Equal(LineState.Off, rig.Service.StateOf(1));
        rig.RunUntilSettled(0);
        Assert.Equal(LineState.On, rig.Service.StateOf(0));
        Assert.Equal(LineState.Off, rig.Service.StateOf(1));
        Assert.Empty(rig.Outcomes.Restored);
    }

    [Fact]
    public void A_request_on_a_persisting_leak_is_answered_after_the_probe_as_retripped_and_reported_refused()
    {
        var rig = new Rig(switchedOff: new[] { false, false });
        rig.Service.Step();
        rig.RunUntilSettled(0);
        rig.Board.Lines[0].InjectLeakage(WaveformKind.Dc, 30);
        rig.Step(200);
        Assert.Equal(LineState.Tripped, rig.Service.StateOf(0));

        var decision = rig.Service.Request(0, ReenergiseSource.RemoteReconnect);

        Assert.True(decision.Refused);
        Assert.Equal(RefusalReason.RetrippedOnProbe, decision.Reason);
        Assert.Equal((0, ReenergiseSource.RemoteReconnect, RefusalReason.RetrippedOnProbe), Assert.Single(rig.Outcomes.Refusals));
        Assert.DoesNotContain(0, rig.Memory.Wanted);
    }

    [Fact]
    public void A_line_that_holds_its_probe_after_a_trip_is_reported_restored_once_and_its_switch_off_forgotten()
    {
        var rig = new Rig(switchedOff: new[] { false, false });
        rig.Service.Step();
        rig.RunUntilSettled(0);
        rig.Board.Lines[0].InjectLeakage(WaveformKind.Dc, 30);
        rig.Step(200);
        rig.Board.Lines[0].ClearLeakage();

        var decision = rig.Service.Request(0, ReenergiseSource.Keypad);

        Assert.False(decision.Refused);
        Assert.Equal(LineState.On, rig.Service.StateOf(0));
        Assert.Equal(0, Assert.Single(rig.Outcomes.Restored));
        Assert.Contains(0, rig.Memory.Wanted);
        rig.Service.Deenergise(0);
        Assert.Equal(LineState.Off, rig.Service.StateOf(0));
        Assert.Contains(0, rig.Memory.Off);
    }

    private sealed class Rig
    {
        public Rig(bool[] switchedOff)
        {
            var settings = new SafetySettings();
            Board = new SimulatedPoleBoard(Time, switchedOff.Length, settings.Detector.MainsHz, settings.Detector.SampleRateHz);
            Memory = new MemoryOfSwitchOffs(switchedOff);
            var supplied = Enumerable.Repeat(true, switchedOff.Length).ToArray();
            Service = new SafetyService(settings, Board.CreateLinePorts(), supplied, Board, Board, Time, Time, Time, new MemorySafetyStore(), new SafetyEventLog(), Outcomes, Memory);
        }

        public SimulatedTime Time { get; } = new();

        public SimulatedPoleBoard Board { get; }

        public SafetyService Service { get; }

        public OutcomeLog Outcomes { get; } = new();

        public MemoryOfSwitchOffs Memory { get; }

        public void Step(long milliseconds)
        {
            long end = Time.NowMs + milliseconds;
            while (Time.NowMs < end)
            {
                Service.Step();
            }
        }

        public void RunUntilSettled(int line)
        {
            while (Service.StateOf(line) == LineState.Probing)
            {
                Service.Step();
            }
        }
    }

    private sealed class OutcomeLog : ISupplyOutcomeSink
    {
        public List<(int Line, ReenergiseSource Source, RefusalReason Reason)> Refusals { get; } = new();

        public List<int> Restored { get; } = new();

        public void Refused(int line, ReenergiseSource source, RefusalReason reason) => Refusals.Add((line, source, reason));

        void ISupplyOutcomeSink.Restored(int line) => Restored.Add(line);
    }

    private sealed class MemoryOfSwitchOffs : ISwitchOffMemory
    {
        private readonly bool[] _atBoot;

        public MemoryOfSwitchOffs(bool[] atBoot) => _atBoot = atBoot;

        public List<int> Off { get; } = new();

        public List<int> Wanted { get; } = new();

        public bool IsOff(int line) => _atBoot[line];

        public void SwitchedOff(int line) => Off.Add(line);

        void ISwitchOffMemory.Wanted(int line) => Wanted.Add(line);
    }
}
