using OpenAmi.Gateway.Ports;
using OpenAmi.Prepaid.Keypad;
using OpenAmi.Prepaid.Ports;

namespace OpenAmi.Emulator.Feeder;

/// <summary>
/// The pole's keypad and its indicator in the emulator: a scenario types keys (already debounced, as the device's
/// matrix scanner delivers them) and the feedback the gateway shows is recorded.
/// </summary>
public sealed class SimulatedKeypad : IKeypad, IKeypadIndicator
{
    private readonly List<KeypadFeedback> _shown = [];

    public event KeyPressedHandler? KeyPressed;

    /// <summary>Every feedback code shown, in order.</summary>
    public IReadOnlyList<KeypadFeedback> Shown => _shown;

    public KeypadStage Stage { get; private set; }

    public int DigitsShown { get; private set; }

    public void Type(string keys)
    {
        foreach (char key in keys)
        {
            KeyPressed?.Invoke(key);
        }
    }

    public void Show(KeypadFeedback feedback) => _shown.Add(feedback);

    public void ShowEntry(KeypadStage stage, int digitCount)
    {
        Stage = stage;
        DigitsShown = digitCount;
    }
}
