namespace OpenAmi.Emulator.Feeder;

/// <summary>Tokens: typed at the pole's keypad, or sent by the head-end.</summary>
public sealed partial class FeederWorld
{
    private void ApplyPrepaid(ScenarioEvent e) => Summary.NotWired(e.TypeName);
}
