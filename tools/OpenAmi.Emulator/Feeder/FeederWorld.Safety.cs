namespace OpenAmi.Emulator.Feeder;

/// <summary>The feeder's tenant lines: leakage, its clearing, and the head-end asking to reconnect.</summary>
public sealed partial class FeederWorld
{
    private void ApplySafety(ScenarioEvent e) => Summary.NotWired(e.TypeName);
}
