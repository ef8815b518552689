using OpenAmi.Prepaid.Keypad;

namespace OpenAmi.Prepaid.Ports
{
    /// <summary>Display, LEDs or buzzer next to the keypad; the device adapter chooses how each code looks or sounds.</summary>
    public interface IKeypadIndicator
    {
        void Show(KeypadFeedback feedback);

        /// <summary>Echo of the entry in progress (stage and how many digits are typed), never the digits themselves.</summary>
        void ShowEntry(KeypadStage stage, int digitCount);
    }
}
